"""Pages of surveillance, by subject."""
