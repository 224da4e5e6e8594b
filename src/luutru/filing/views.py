"""Views: parse the request, call a service or a query, render."""
