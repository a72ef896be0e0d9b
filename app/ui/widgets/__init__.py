"""The one widget toolkit of the forms: the table model and view, the customer chooser, the
form base and the list-and-form page base, and the small inputs and display helpers."""
