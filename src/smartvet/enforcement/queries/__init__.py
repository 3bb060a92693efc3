"""Enforcement's reads, one module per subject."""
