from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "kind", "is_staff", "date_joined")
    list_filter = ("kind", "is_staff", "is_superuser", "is_active", "groups")
    fieldsets = (*DjangoUserAdmin.fieldsets, ("Account type", {"fields": ("kind",)}))
