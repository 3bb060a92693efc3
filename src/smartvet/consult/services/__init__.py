"""Every write of the consult app, by subject (one action, one transaction, one ledger event)."""
