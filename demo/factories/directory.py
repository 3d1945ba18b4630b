"""factory_boy factories for the directory; the tests and `seed_demo` both use them.

State subclasses give a vendor in each workflow status (`PublishedVendorFactory`...).
"""

import factory
from django.utils import timezone

from demo.factories.accounts import VerifiedUserFactory
from demo.fakers import fake
from directory.models import DeliveryCenter, Employer, Membership, Vendor


def _set_many(name: str):
    """A post-generation hook that sets a many-to-many field from a list given to the factory."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, name).set(extracted)

    hook.__name__ = name
    return factory.PostGeneration(hook)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor
        skip_postgeneration_save = True

    class Params:
        hub = factory.Faker("bpo_hub")
        rates = factory.LazyAttribute(lambda o: fake.bpo_vendor_rate(o.hub))

    name = factory.Faker("bpo_vendor_name")
    slug = factory.Sequence(lambda n: f"vendor-{n}")
    tagline = factory.Faker("bpo_tagline")
    description = factory.LazyAttribute(lambda o: fake.bpo_vendor_description(o.name, o.hub))
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.com")
    founded_year = factory.Faker("random_int", min=1985, max=2022)
    headquarters_country = factory.LazyAttribute(lambda o: o.hub.country)
    employees = factory.Faker("random_int", min=40, max=25000)
    hours = factory.Faker("random_element", elements=[c.value for c in Vendor.Hours])
    pricing_model = factory.Faker("random_element", elements=[c.value for c in Vendor.PricingModel])
    hourly_rate_min = factory.LazyAttribute(lambda o: o.rates[0])
    hourly_rate_max = factory.LazyAttribute(lambda o: o.rates[1])
    min_seats = factory.Faker("random_element", elements=[5, 10, 10, 15, 20, 25, 50])
    min_contract_months = factory.Faker("random_element", elements=[1, 3, 6, 6, 12, 12, 24])
    contact_name = factory.Faker("name")
    contact_email = factory.LazyAttribute(lambda o: f"sales@{o.slug}.example.com")
    contact_phone = factory.Faker("numerify", text="+1 555 01## ####")

    services = _set_many("services")
    shore_models = _set_many("shore_models")
    call_center_types = _set_many("call_center_types")
    channels = _set_many("channels")
    languages = _set_many("languages")
    industries = _set_many("industries")
    compliance_standards = _set_many("compliance_standards")


class PendingVendorFactory(VendorFactory):
    status = Vendor.Status.PENDING
    status_changed_at = factory.LazyFunction(timezone.now)


class PublishedVendorFactory(VendorFactory):
    status = Vendor.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    status_changed_at = factory.LazyAttribute(lambda o: o.published_at)


class RejectedVendorFactory(VendorFactory):
    status = Vendor.Status.REJECTED
    rejection_reason = "Website does not show the services listed."


class ArchivedVendorFactory(VendorFactory):
    status = Vendor.Status.ARCHIVED


class DeliveryCenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryCenter

    class Params:
        place = factory.LazyAttribute(lambda o: fake.bpo_city(o.vendor_hub))
        vendor_hub = factory.Faker("bpo_hub")

    vendor = factory.SubFactory(PublishedVendorFactory)
    name = factory.LazyAttributeSequence(lambda o, n: f"{o.place[0]} center {n}")
    city = factory.LazyAttribute(lambda o: o.place[0])
    country = factory.LazyAttribute(lambda o: o.vendor_hub.country)
    time_zone = factory.LazyAttribute(lambda o: o.place[1])
    seats = factory.Faker("random_int", min=50, max=2500)


class EmployerFactory(factory.django.DjangoModelFactory):
    """An in-house employer (not a vendor)."""

    class Meta:
        model = Employer

    name = factory.LazyFunction(lambda: fake.bpo_in_house_employer()[0])
    slug = factory.Sequence(lambda n: f"employer-{n}")
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.com")
    headquarters_country = factory.Faker("random_element", elements=["US", "GB", "CA", "AU", "PH", "IN"])


class BpoEmployerFactory(EmployerFactory):
    """The employer record of a BPO listed in the directory."""

    vendor = factory.SubFactory(PublishedVendorFactory)
    name = factory.LazyAttribute(lambda o: o.vendor.name)
    headquarters_country = factory.LazyAttribute(lambda o: o.vendor.headquarters_country)


class VendorMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(VerifiedUserFactory)
    vendor = factory.SubFactory(PublishedVendorFactory)
    role = Membership.Role.OWNER


class EmployerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(VerifiedUserFactory)
    employer = factory.SubFactory(EmployerFactory)
    role = Membership.Role.OWNER
