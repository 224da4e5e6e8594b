"""``{% load deadlines %}{% unread_notifications as n %}``: the same count without the context processor."""

from django import template

from luutru.deadlines.queries import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
