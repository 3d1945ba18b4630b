from django.db import models


class DeferredIndex(models.Model):
    """An index a large seeding dropped to load its tables faster and has yet to build again
    (`demo.seed.indexes_built_after`). Recorded in the seeding's transaction, deleted in the transaction that
    builds the index: one still here after a seeding was interrupted is built by the next seeding."""

    name = models.CharField(max_length=63, primary_key=True)
    table = models.CharField(max_length=63)
    definition = models.TextField()

    def __str__(self) -> str:
        return self.name
