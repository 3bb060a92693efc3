from __future__ import annotations

from smartvet.core import navigation


def navigation_items(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(user, "role", ""):
        return {"nav_items": []}
    return {"nav_items": navigation.items_for(user)}
