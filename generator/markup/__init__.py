"""The site's Markdown dialect and the rules for what text may link to, shared by validate, render and the engine."""
