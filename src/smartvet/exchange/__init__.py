"""National exchange (DOMAIN.md §10): the outbox's delivery to the national platform and the
federation of province databases with the national hub."""
