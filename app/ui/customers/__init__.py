"""The Customers form: a searchable list and an edit form."""
