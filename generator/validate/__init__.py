"""Stage validate: check what was read against the rules and build the typed model, with diagnostics."""
