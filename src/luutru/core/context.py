"""Navigation shown on every page, by the roles the user holds."""

from luutru.access.policy import roles_of


def nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    return {"user_roles": roles, "role_labels": _labels(roles)}


def _labels(roles):
    from luutru.orgs.models import Role

    return [Role(r).label for r in sorted(roles)]
