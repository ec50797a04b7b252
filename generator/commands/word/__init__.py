"""Reading Word documents for `policyhub import`."""
