"""Benchmarks of policyhub and the corpus generator the tests and benchmarks share."""
