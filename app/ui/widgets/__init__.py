"""Small input and display widgets shared by the forms."""
