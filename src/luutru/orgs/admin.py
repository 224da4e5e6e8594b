from django.contrib import admin

from luutru.orgs.models import Fonds, Membership, Organization, OrgEvent, Person, Term, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["org"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "level", "valid_from", "valid_to"]
    list_filter = ["level", "kind", "fonds_system"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position", "clearance", "user"]
    search_fields = ["full_name"]
    inlines = [MembershipInline]


admin.site.register(Fonds)
admin.site.register(Unit)
admin.site.register(Term)
admin.site.register(OrgEvent)
