"""The Contracts form: a customer's recurring charges, and the run that bills them (R16)."""
