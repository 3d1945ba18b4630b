from django.db import models

from jobs.choices import Currency


class ExchangeRate(models.Model):
    """What one unit of a currency is worth in US dollars, as of a date: turns CSR pay into comparable USD."""

    currency = models.CharField(max_length=3, choices=Currency, primary_key=True)
    usd_per_unit = models.DecimalField(max_digits=18, decimal_places=10)
    as_of = models.DateField(help_text="The date the rate was taken; the insights pages show it.")

    class Meta:
        ordering = ["currency"]
        constraints = [models.CheckConstraint(condition=models.Q(usd_per_unit__gt=0), name="rate_positive")]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.usd_per_unit} USD ({self.as_of})"
