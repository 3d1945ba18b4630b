"""factory_boy factories for user accounts."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.groups import CURATORS_GROUP
from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct horse battery staple")


class CuratorFactory(UserFactory):
    """Staff in the Curators group: what a curator can do in the admin, and no more."""

    username = factory.Sequence(lambda n: f"curator{n}")
    is_staff = True

    @factory.post_generation
    def curators_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name=CURATORS_GROUP))


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


class VerifiedUserFactory(UserFactory):
    """A user whose email address is confirmed: what allauth asks before anything is posted or sent."""

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class SeekerFactory(VerifiedUserFactory):
    username = factory.Sequence(lambda n: f"seeker{n}")
    kind = User.Kind.SEEKER


class UnconfirmedUserFactory(UserFactory):
    """A user who signed up and has not opened the confirmation email yet: the address is on record, unverified."""

    @factory.post_generation
    def unverified_email(obj, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": False, "primary": True}
            )
