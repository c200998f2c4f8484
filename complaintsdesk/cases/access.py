"""THE access module for casework: who sees which cases, and who may do what to them.

`cases_visible_to` is the only filter for case querysets (lists, My work, exports, search);
`case_get_for_user` is the only way a page fetches a case, and says "not found" alike for
missing and forbidden cases. The `can_*` checks say whether an action is allowed; pages show
only allowed actions and views check again before calling a service.

Visibility: complaints officers and managers see every case; responding managers see their
teams' cases; investigating officers, independent persons and panel members see only cases
they are appointed to; leadership see no cases. A restricted case is seen only by the
complaints manager and by the people named on it (who must also see it by role).
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.http import Http404

from complaintsdesk.accounts.roles import (
    APPOINTEE_ROLES,
    CASEWORK_ROLES,
    LEADERSHIP,
    MANAGER,
    OFFICER,
    RESPONDER,
    roles_of,
)
from complaintsdesk.cases.models import Appointment, Case, Learning, Stage, Team

FRONT_LINE_STAGES = ("informal", "stage1")


# --- the user's relations, read once per request ---------------------------------------


def _cache(user: Any) -> dict[str, Any]:
    cache = getattr(user, "_complaintsdesk_access", None)
    if cache is None:
        cache = {}
        user._complaintsdesk_access = cache
    return cache


def team_ids_of(user: Any) -> frozenset[int]:
    cache = _cache(user)
    if "teams" not in cache:
        cache["teams"] = frozenset(
            Team.members.through.objects.filter(user_id=user.pk).values_list("team_id", flat=True)
        )
    return cache["teams"]


# Past this many named cases the filter keeps a subquery rather than a long list of ids.
NAMED_IDS_INLINE_MAX = 500
_named_generation = 0


@receiver(m2m_changed, sender=Case.restricted_to.through)
def _named_changed(**kwargs: Any) -> None:
    """Someone was named on (or removed from) a restricted case: cached ids are stale."""
    global _named_generation
    _named_generation += 1


def named_case_ids(user: Any) -> frozenset[int]:
    """Ids of the restricted cases naming `user`: one query per request, kept like the roles."""
    cache = _cache(user)
    cached = cache.get("named")
    if cached is None or cached[0] != _named_generation:
        ids = frozenset(
            Case.restricted_to.through.objects.filter(user_id=user.pk).values_list(
                "case_id", flat=True
            )
        )
        cached = cache["named"] = (_named_generation, ids)
    return cached[1]


def _casework(user: Any) -> bool:
    return bool(roles_of(user) & CASEWORK_ROLES)


# --- the queryset filter ----------------------------------------------------------------


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case `user` may see: the one filter behind lists, search, exports and My work."""
    roles = roles_of(user)
    if MANAGER in roles:
        return Case.objects.all()
    if OFFICER in roles:
        by_role = Q()
    else:
        clauses: list[Q] = []
        if RESPONDER in roles:
            teams = Team.members.through.objects.filter(user_id=user.pk).values("team_id")
            clauses.append(Q(team_id__in=teams))
        if roles & (APPOINTEE_ROLES | {RESPONDER}):
            # An appointment is an explicit grant, whichever role the person holds.
            appointed = Appointment.objects.filter(user_id=user.pk).values("stage__case_id")
            clauses.append(Q(pk__in=appointed))
        if not clauses:
            return Case.objects.none()
        by_role = clauses[0]
        for clause in clauses[1:]:
            by_role |= clause
    # The ids are read first (and kept for the request): a subquery tested on every row would
    # stop the database counting from an index.
    named = named_case_ids(user)
    unrestricted = Q(restricted=False)
    if len(named) > NAMED_IDS_INLINE_MAX:
        through = Case.restricted_to.through.objects.filter(user_id=user.pk)
        unrestricted |= Q(pk__in=through.values("case_id"))
    elif named:
        unrestricted |= Q(pk__in=sorted(named))
    return Case.objects.filter(by_role & unrestricted)


def case_get_for_user(user: Any, reference: str) -> Case:
    """The case if `user` may see it; Http404 for a missing and a forbidden case alike."""
    case = (
        cases_visible_to(user)
        .select_related("service_area__directorate", "team", "owner")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404("No case found")
    _cache(user).setdefault("visible", set()).add(case.pk)
    return case


def stage_get_for_user(user: Any, reference: str, kind: str) -> Stage:
    case = case_get_for_user(user, reference)
    stage = Stage.objects.filter(case=case, kind=kind).first()
    if stage is None:
        raise Http404("No such stage")
    stage.case = case
    return stage


# --- instance checks --------------------------------------------------------------------


def can_view_case(user: Any, case: Case) -> bool:
    cache = _cache(user)
    if case.pk in cache.get("visible", set()):
        return True
    visible = cases_visible_to(user).filter(pk=case.pk).exists()
    if visible:
        cache.setdefault("visible", set()).add(case.pk)
    return visible


def _in_team(user: Any, case: Case) -> bool:
    return (
        RESPONDER in roles_of(user)
        and case.team_id is not None
        and case.team_id in team_ids_of(user)
    )


def _casework_on(user: Any, case: Case) -> bool:
    return _casework(user) and can_view_case(user, case)


def can_list_cases(user: Any) -> bool:
    return bool(roles_of(user) - {LEADERSHIP})


def can_log_case(user: Any) -> bool:
    return _casework(user)


def can_export_cases(user: Any) -> bool:
    return _casework(user)


def can_edit_case(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_triage(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_close(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_reopen_case(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_escalate(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_link(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_add_child(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_add_note(user: Any, case: Case) -> bool:
    return can_list_cases(user) and can_view_case(user, case)


def can_upload_document(user: Any, case: Case) -> bool:
    return can_list_cases(user) and can_view_case(user, case)


def can_download_document(user: Any, case: Case) -> bool:
    return can_list_cases(user) and can_view_case(user, case)


def can_view_case_audit(user: Any, case: Case) -> bool:
    return MANAGER in roles_of(user) and can_view_case(user, case)


def can_export_audit(user: Any) -> bool:
    return MANAGER in roles_of(user)


def can_add_learning(user: Any, case: Case) -> bool:
    return can_view_case(user, case) and (_casework(user) or _in_team(user, case))


def can_acknowledge(user: Any, stage: Stage) -> bool:
    return can_respond(user, stage)


def can_respond(user: Any, stage: Stage) -> bool:
    """Casework staff record any response; responding managers answer their team's front line."""
    case = stage.case
    if not can_view_case(user, case):
        return False
    return _casework(user) or (stage.kind in FRONT_LINE_STAGES and _in_team(user, case))


def can_extend(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


def can_withdraw(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


def can_reopen(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


def can_record_panel(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


def can_appoint(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


def can_record_costs(user: Any, stage: Stage) -> bool:
    return _casework_on(user, stage.case)


# --- pages outside a single case --------------------------------------------------------


def can_view_lgsco(user: Any) -> bool:
    return _casework(user)


def can_manage_lgsco(user: Any) -> bool:
    return _casework(user)


def can_view_learning(user: Any) -> bool:
    return _casework(user) or RESPONDER in roles_of(user)


def learnings_visible_to(user: Any) -> QuerySet[Learning]:
    if _casework(user):
        return Learning.objects.all()
    if RESPONDER in roles_of(user):
        return Learning.objects.filter(
            Q(team_id__in=team_ids_of(user)) | Q(case__in=cases_visible_to(user))
        )
    return Learning.objects.none()


def can_manage_learning(user: Any, learning: Learning | None = None) -> bool:
    if _casework(user):
        return True
    if RESPONDER not in roles_of(user):
        return False
    return learning is None or learnings_visible_to(user).filter(pk=learning.pk).exists()


def can_manage_compliments(user: Any) -> bool:
    return _casework(user)


def can_view_reports(user: Any) -> bool:
    return _casework(user) or LEADERSHIP in roles_of(user)


def can_administer(user: Any) -> bool:
    return MANAGER in roles_of(user)
