"""Unbilled Work (R15): the work entries typed in or imported, and the run that invoices them."""
