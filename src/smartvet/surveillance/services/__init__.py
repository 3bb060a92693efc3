"""Every write of surveillance, by subject: reports (and zero reports), lab work, outbreaks,
alert rules, alerts and their evaluation."""
