"""The prebuilt search index and result data, and the folding of Vietnamese words."""
