"""Fields shared by the pages' filters, the API and the briefs the domain reads (the matcher's)."""

from django.utils.choices import BaseChoiceIterator
from django_countries import countries
from django_filters.fields import MultipleChoiceField
from rest_framework import serializers


class SharedChoices(BaseChoiceIterator):
    """Choices fixed while the process runs, shared by every copy of a field that offers them. Forms, filter sets
    and serializers deep-copy their fields on every request, and a field's choices with them: the 249 countries
    as `list(countries)` took 0.6 ms a copy, twice a country filter a page. A `BaseChoiceIterator` is kept as it
    is by Django's fields (not turned into a list), and copying it gives it back."""

    def __init__(self, choices):
        self.choices = tuple((str(value), str(label)) for value, label in choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


# ISO 3166 alpha-2 code and English name of every country (django-countries' names, as `list(countries)` gave them).
COUNTRY_CHOICES = SharedChoices(countries)


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
