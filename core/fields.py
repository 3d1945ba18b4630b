"""Fields shared by the pages' filters, the API and the briefs the domain reads (the matcher's)."""

from django_filters.fields import MultipleChoiceField
from rest_framework import serializers


class CountryCodesField(MultipleChoiceField):
    """ISO 3166 alpha-2 codes, accepted in either case (`ph` and `PH` both mean the Philippines)."""

    def to_python(self, value):
        return [code.upper() for code in super().to_python(value)]


class SlugField(serializers.SlugRelatedField):
    """A vocabulary term by its slug or code. Text a slug can never hold (a NUL byte, which PostgreSQL refuses in
    any text column) is a 400 before it reaches the database."""

    def run_validation(self, data=serializers.empty):
        # REST framework reads "" as null for relations; the schema says a slug, or null where one is optional.
        if data == "":
            self.fail("invalid")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data or len(data) > 100:
            self.fail("invalid")
        return super().to_internal_value(data)
