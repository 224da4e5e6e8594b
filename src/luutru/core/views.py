"""Home page: what this user should do next."""

from django.shortcuts import render


def home(request):
    return render(request, "core/home.html", {})
