"""Authentication backend that loads a person's office with them.

Every page shows the office in its shell, so fetching it with the user saves a query per page.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from offices.models import User


class OfficeModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User._default_manager.select_related("office").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
