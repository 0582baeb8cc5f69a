from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog, set_language

from core.forms import LoginForm

admin.site.site_header = _("ระบบตรวจราชการสำนักงานอุตสาหกรรมจังหวัด — ผู้ดูแลระบบ")
admin.site.site_title = _("ผู้ดูแลระบบ")
admin.site.index_title = _("จัดการข้อมูล")

urlpatterns = [
    path("", include("core.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    # No self-service password reset: accounts belong to offices, and a forgotten password is
    # reset by the office's admin, as the login and lock-out pages say.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript-catalog"),
    path("offices/", include("offices.urls")),
    path("factories/", include("factories.urls")),
    path("inspections/", include("inspections.urls")),
    path("policy/", include("policy.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
