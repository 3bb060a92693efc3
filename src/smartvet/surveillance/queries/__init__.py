"""Reads of surveillance, by subject; each scoped to the actor (`visible_to`) or saying in its
docstring that it serves an evaluation that reads the facts of one place."""
