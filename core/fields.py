"""Form fields shared by the filters of the pages and the API."""

from django_filters.fields import MultipleChoiceField


class CountryCodesField(MultipleChoiceField):
    """ISO 3166 alpha-2 codes, accepted in either case (`ph` and `PH` both mean the Philippines)."""

    def to_python(self, value):
        return [code.upper() for code in super().to_python(value)]
