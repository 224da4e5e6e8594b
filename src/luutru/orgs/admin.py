"""The administrator's screens for bodies, people and accounts.

Nothing here writes a row itself: creating, renaming, moving, merging and
dissolving a body go through ``orgs.services``; accounts, clearances and
roles through ``orgs.accounts``. Both check who may do it, refuse anyone
raising their own privileges and write the audit chain; a refusal shows as
a message and changes nothing (``RefusalsAsMessages``).
"""

from __future__ import annotations

import contextvars

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.http import HttpResponseRedirect
from django.urls import reverse

from luutru.core.admin_refusals import RefusalsAsMessages
from luutru.core.errors import RuleViolation
from luutru.orgs import accounts, services
from luutru.orgs.models import Fonds, Membership, Organization, OrgEvent, Person, Term, Unit

User = get_user_model()


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and records kept by the services: shown, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- organizations ------------------------------------------------------------------------


class OrganizationForm(forms.ModelForm):
    fonds_code = forms.CharField(
        label="mã phông",
        max_length=20,
        required=False,
        help_text="Để trống: hệ thống tự đặt. Phông được lập cùng lúc với cơ quan.",
    )
    effective_date = forms.DateField(
        label="ngày có hiệu lực của thay đổi",
        required=False,
        help_text="Bắt buộc khi đổi tên hoặc chuyển trực thuộc.",
    )
    decision = forms.CharField(label="quyết định", max_length=200, required=False)
    end_kind = forms.ChoiceField(
        label="hình thức kết thúc",
        choices=[
            (
                OrgEvent.Type.DISSOLVE,
                "Giải thể (các tổ chức trực thuộc chuyển cho cơ quan kế thừa)",
            ),
            (OrgEvent.Type.MERGE, "Hợp nhất, sáp nhập vào cơ quan kế thừa"),
        ],
        initial=OrgEvent.Type.DISSOLVE,
        required=False,
        help_text="Dùng khi nhập “ngừng hoạt động từ sau ngày”.",
    )

    class Meta:
        model = Organization
        fields = "__all__"

    def clean(self):
        data = super().clean() or {}
        if self.instance.pk is None:
            return data
        if {"name", "parent"} & set(self.changed_data) and not data.get("effective_date"):
            self.add_error(
                "effective_date", "Hãy nhập ngày có hiệu lực của việc đổi tên, chuyển trực thuộc."
            )
        if "parent" in self.changed_data and data.get("parent") is None:
            self.add_error("parent", "Hãy chọn cơ quan cấp trên mới.")
        if data.get("valid_to") and data.get("end_kind") == OrgEvent.Type.MERGE:
            if not data.get("successor"):
                self.add_error("successor", "Hợp nhất, sáp nhập cần cơ quan kế thừa.")
        if "successor" in self.changed_data and not data.get("valid_to"):
            self.add_error("successor", "Cơ quan kế thừa chỉ chọn khi kết thúc hoạt động.")
        return data


@admin.register(Organization)
class OrganizationAdmin(RefusalsAsMessages, admin.ModelAdmin):
    form = OrganizationForm
    list_display = ["name", "code", "kind", "level", "valid_from", "valid_to"]
    list_filter = ["level", "kind", "fonds_system"]
    search_fields = ["name", "code"]

    def get_fields(self, request, obj=None):
        fields = [
            "code", "name", "short_name", "kind", "level", "parent", "fonds_system",
            "issuer_abbrev", "place", "organ_id", "archive_org", "valid_from",
        ]  # fmt: skip
        if obj is None:
            return [*fields, "fonds_code"]
        ending = [] if obj.valid_to else ["end_kind"]
        return ["path", *fields, "valid_to", "successor", *ending, "effective_date", "decision"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        ended = ["valid_to", "successor"] if obj.valid_to else []
        return ["path", "valid_from", *ended]

    def has_delete_permission(self, request, obj=None):
        return False  # a body ends by dissolution or merger, its records stay

    def save_model(self, request, obj, form, change):
        data, actor = form.cleaned_data, request.user
        if not change:
            org = services.create_org(
                actor,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                level=data["level"],
                parent=data.get("parent"),
                valid_from=data["valid_from"],
                fonds_code=data.get("fonds_code") or None,
                **{
                    f: data[f] for f in services.DETAIL_FIELDS if f not in ("code", "kind", "level")
                },
            )
            obj.pk, obj.path, obj._state.adding = org.pk, org.path, False
            return
        org = Organization.objects.get(pk=obj.pk)
        changed = set(form.changed_data)
        details = {f: data[f] for f in services.DETAIL_FIELDS if f in changed}
        if details:
            org = services.update_org_details(actor, org, **details)
        if "name" in changed:
            org = services.rename_org(
                actor, org, name=data["name"], effective=data["effective_date"],
                decision=data.get("decision", ""),
            )  # fmt: skip
        if "parent" in changed:
            services.reattach_org(
                actor, org, data["parent"], data["effective_date"], data.get("decision", "")
            )
        if org.valid_to is None and data.get("valid_to"):
            if data.get("end_kind") == OrgEvent.Type.MERGE:
                services.merge_org(
                    actor, org, data["successor"], data["valid_to"],
                    decision=data.get("decision", ""),
                )  # fmt: skip
            else:
                services.dissolve_org(
                    actor, org, data["valid_to"], successor=data.get("successor"),
                    decision=data.get("decision", ""),
                )  # fmt: skip

    def save_related(self, request, form, formsets, change):
        pass  # an Organization has no many-to-many fields or inlines edited here


@admin.register(Fonds)
class FondsAdmin(ReadOnlyAdmin):
    """A fonds is opened with its body and closed with it (``orgs.services``)."""

    list_display = ["code", "name", "org", "status", "closed_on"]
    search_fields = ["code", "name"]


@admin.register(OrgEvent)
class OrgEventAdmin(ReadOnlyAdmin):
    list_display = ["org", "type", "effective_date", "decision"]
    list_filter = ["type"]


class UnitTermAdmin(RefusalsAsMessages, admin.ModelAdmin):
    """Units and terms of a body, saved through ``orgs.services`` (checked, audited)."""

    autocomplete_fields = ["org"]

    def has_delete_permission(self, request, obj=None):
        return False  # memberships and numbering refer to them

    def save_model(self, request, obj, form, change):
        data, fields = form.cleaned_data, [f for f in form.fields if f != "org"]
        if change:
            changes = {f: data[f] for f in form.changed_data if f in ("org", *fields)}
            services.change_unit_or_term(request.user, type(obj).objects.get(pk=obj.pk), **changes)
            return
        add = services.add_unit if isinstance(obj, Unit) else services.add_term
        made = add(request.user, data["org"], **{f: data[f] for f in fields})
        obj.pk, obj._state.adding = made.pk, False


@admin.register(Unit)
class UnitAdmin(UnitTermAdmin):
    list_display = ["name", "abbrev", "org"]
    search_fields = ["name", "org__name"]


@admin.register(Term)
class TermAdmin(UnitTermAdmin):
    list_display = ["name", "org", "start", "end"]
    search_fields = ["name", "org__name"]


# --- people and their roles ---------------------------------------------------------------


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["org"]


@admin.register(Person)
class PersonAdmin(RefusalsAsMessages, admin.ModelAdmin):
    list_display = ["full_name", "position", "clearance", "user"]
    search_fields = ["full_name"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None):
        return False  # a person's history (dossiers, events) keeps them; end their roles

    def save_model(self, request, obj, form, change):
        data, actor = form.cleaned_data, request.user
        if not change:
            person = accounts.create_person(
                actor,
                full_name=data["full_name"],
                position=data.get("position", ""),
                clearance=data["clearance"],
                user=data.get("user"),
            )
            obj.pk, obj._state.adding = person.pk, False
            return
        person = Person.objects.get(pk=obj.pk)
        changed = set(form.changed_data)
        fields = {f: data[f] for f in accounts.PERSON_FIELDS if f in changed}
        if fields:
            accounts.update_person(actor, person, **fields)
        if "clearance" in changed:
            accounts.set_clearance(actor, person, data["clearance"])

    def save_related(self, request, form, formsets, change):
        actor, person = request.user, Person.objects.get(pk=form.instance.pk)
        for formset in formsets:
            formset.save(commit=False)
            for m in formset.deleted_objects:
                accounts.remove_membership(actor, m)
            for m, fields in formset.changed_objects:
                changes = {f: getattr(m, f) for f in fields if f in accounts.MEMBERSHIP_FIELDS}
                accounts.change_membership(actor, m, **changes)
            for m in formset.new_objects:
                accounts.add_membership(
                    actor, person, org=m.org, role=m.role, unit=m.unit,
                    valid_from=m.valid_from, valid_to=m.valid_to,
                )  # fmt: skip


# --- accounts -----------------------------------------------------------------------------

_password_actor: contextvars.ContextVar = contextvars.ContextVar("password_actor")


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's password form, saved through ``accounts.set_user_password``."""

    def save(self, commit=True):
        usable = self.cleaned_data.get("usable_password", "true") != "false"
        raw = self.cleaned_data["password1"] if usable else None
        return accounts.set_user_password(_password_actor.get(), self.user, raw)


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(RefusalsAsMessages, DjangoGroupAdmin):
    """A group's permissions reach its members: changed through ``accounts``."""

    def save_model(self, request, obj, form, change):
        if not change or "name" in form.changed_data:
            group = obj if not change else Group.objects.get(pk=obj.pk)
            accounts.save_group(request.user, group, name=form.cleaned_data["name"])
            obj.pk = group.pk

    def save_related(self, request, form, formsets, change):
        accounts.set_group_permissions(
            request.user,
            Group.objects.get(pk=form.instance.pk),
            form.cleaned_data.get("permissions", []),
        )


@admin.register(User)
class UserAdmin(RefusalsAsMessages, DjangoUserAdmin):
    change_password_form = AuditedPasswordChangeForm

    def has_delete_permission(self, request, obj=None):
        return False  # lock the account (bỏ chọn “active”) instead: its history stays

    def save_model(self, request, obj, form, change):
        actor = request.user
        if not change:
            user = accounts.create_user_account(actor, obj)
            obj.pk = user.pk
            return
        changed = {f: form.cleaned_data[f] for f in accounts.USER_FIELDS if f in form.changed_data}
        accounts.update_user(actor, User.objects.get(pk=obj.pk), **changed)

    def save_related(self, request, form, formsets, change):
        if {"groups", "user_permissions"} & set(form.changed_data):
            accounts.set_user_permissions(
                request.user,
                User.objects.get(pk=form.instance.pk),
                groups=form.cleaned_data.get("groups", []),
                permissions=form.cleaned_data.get("user_permissions", []),
            )

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None:
            failures = accounts.user_failures(request.user, user)
            if failures:
                for message in failures:
                    self.message_user(request, message, messages.ERROR)
                return HttpResponseRedirect(
                    reverse(f"{self.admin_site.name}:auth_user_change", args=[user.pk])
                )
        token = _password_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        except RuleViolation as error:
            return self._refused(request, error)
        finally:
            _password_actor.reset(token)
