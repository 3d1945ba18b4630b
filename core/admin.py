"""The search synonyms curators keep: what people type, and what the searches look for then."""

from django.contrib import admin

from core.models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("phrase", "alternatives", "keep_phrase", "scope")
    list_filter = ("scope", "keep_phrase")
    search_fields = ("phrase", "alternatives")
    ordering = ("phrase",)
