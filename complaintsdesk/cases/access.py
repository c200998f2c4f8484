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

from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import Http404

from complaintsdesk.accounts.roles import (
    APPOINTEE_ROLES,
    CASEWORK_ROLES,
    LEADERSHIP,
    MANAGER,
    RESPONDER,
    roles_of,
)
from complaintsdesk.cases.models import Appointment, Case, Learning, LgscoCase, Stage, Team
from complaintsdesk.workflow import rules

FRONT_LINE_STAGES = ("informal", "stage1")


# --- the user's relations, read once per request ---------------------------------------


# Bumped whenever who may see which case changes (names, a restriction, team membership,
# appointments): every per-user answer cached before the bump is then read again.
_generation = 0


def access_changed() -> None:
    """Forget every per-user access answer cached so far (named cases, teams, visible cases).

    The signals below call it for names, team members and appointments; a service that
    changes what decides visibility without them (a case's `restricted` flag) calls it
    itself, inside its transaction and again once it commits.
    """
    global _generation
    _generation += 1


def _cache(user: Any) -> dict[str, Any]:
    cache = getattr(user, "_complaintsdesk_access", None)
    if cache is None or cache.get("generation") != _generation:
        cache = {"generation": _generation}
        user._complaintsdesk_access = cache
    return cache


def team_ids_of(user: Any) -> frozenset[int]:
    cache = _cache(user)
    if "teams" not in cache:
        cache["teams"] = frozenset(
            Team.members.through.objects.filter(user_id=user.pk).values_list("team_id", flat=True)
        )
    return cast(frozenset[int], cache["teams"])


# Past this many named cases the filter keeps a subquery rather than a long list of ids.
NAMED_IDS_INLINE_MAX = 500


@receiver(m2m_changed, sender=Case.restricted_to.through)
def _named_changed(**kwargs: Any) -> None:
    """Someone was named on (or removed from) a restricted case: cached ids are stale."""
    access_changed()


@receiver(m2m_changed, sender=Team.members.through)
def _members_changed(**kwargs: Any) -> None:
    """Someone joined or left a team: cached team ids and visible cases are stale."""
    access_changed()


@receiver([post_save, post_delete], sender=Appointment)
def _appointments_changed(**kwargs: Any) -> None:
    """An appointment grants sight of its case: cached visible cases are stale."""
    access_changed()


def named_case_ids(user: Any) -> frozenset[int]:
    """Ids of the restricted cases naming `user`: one query per request, kept like the roles."""
    cache = _cache(user)
    if "named" not in cache:
        cache["named"] = frozenset(
            Case.restricted_to.through.objects.filter(user_id=user.pk).values_list(
                "case_id", flat=True
            )
        )
    named: frozenset[int] = cache["named"]
    return named


def _casework(user: Any) -> bool:
    return bool(roles_of(user) & CASEWORK_ROLES)


# --- the queryset filter ----------------------------------------------------------------


def _by_role(user: Any) -> Q | None:
    """The cases `user`'s roles reach, before any restriction; None: no cases at all.

    `users_seeing_by_role` is its mirror image (the people a case reaches): keep them in step.
    """
    roles = roles_of(user)
    if roles & CASEWORK_ROLES:
        return Q()
    clauses: list[Q] = []
    if RESPONDER in roles:
        teams = Team.members.through.objects.filter(user_id=user.pk).values("team_id")
        clauses.append(Q(team_id__in=teams))
    if roles & (APPOINTEE_ROLES | {RESPONDER}):
        # An appointment is an explicit grant, whichever role the person holds.
        appointed = Appointment.objects.filter(user_id=user.pk).values("stage__case_id")
        clauses.append(Q(pk__in=appointed))
    if not clauses:
        return None
    by_role = clauses[0]
    for clause in clauses[1:]:
        by_role |= clause
    return by_role


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """Every case `user` may see: the one filter behind lists, search, exports and My work."""
    if MANAGER in roles_of(user):
        return Case.objects.all()
    by_role = _by_role(user)
    if by_role is None:
        return Case.objects.none()
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


def users_seeing_by_role(case: Case) -> QuerySet[Any]:
    """Active people whose roles reach `case`: the only people worth naming on it.

    Naming narrows a restricted case to these people; it never widens anyone's access, so
    naming someone outside this set would be an empty promise and is refused.
    """
    reach = Q(groups__name__in=CASEWORK_ROLES)
    if case.team_id is not None:
        reach |= Q(groups__name=RESPONDER, teams=case.team_id)
    appointed = Appointment.objects.filter(stage__case_id=case.pk, user__isnull=False)
    reach |= Q(groups__name__in=APPOINTEE_ROLES | {RESPONDER}, pk__in=appointed.values("user_id"))
    people = get_user_model().objects.filter(reach, is_active=True)
    return get_user_model().objects.filter(pk__in=people.values("pk")).order_by("username")


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


def can_restrict_case(user: Any, case: Case) -> bool:
    """Restrict or unrestrict the case and choose who is named on it."""
    return _casework_on(user, case)


def can_triage(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_see_triage_queue(user: Any) -> bool:
    """The triage queue on My work is the complaints team's: web, mailbox and API arrivals."""
    return _casework(user)


def can_reassign(user: Any, case: Case) -> bool:
    return _casework_on(user, case)


def can_reassign_in_bulk(user: Any) -> bool:
    return _casework(user)


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


def can_remove_document(user: Any, case: Case) -> bool:
    """Removing evidence is for the complaints team, whoever uploaded it."""
    return _casework_on(user, case)


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


def can_pause(user: Any, stage: Stage) -> bool:
    """The complaints team pauses the clock (children's stage 1 only: workflow.rules.PAUSABLE)."""
    return rules.pause_allowed(stage.case.procedure, stage.kind) and _casework_on(user, stage.case)


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


def lgsco_cases_visible_to(user: Any) -> QuerySet[LgscoCase]:
    """Ombudsman cases for the Ombudsman pages and My work: one linked to a council case the
    user may not see is hidden with it (its row would name the case); one with no case stays."""
    if not can_view_lgsco(user):
        return LgscoCase.objects.none()
    if MANAGER in roles_of(user):
        return LgscoCase.objects.all()
    return LgscoCase.objects.filter(Q(case__isnull=True) | Q(case__in=cases_visible_to(user)))


def learnings_visible_to(user: Any) -> QuerySet[Learning]:
    """Learning linked to a case is shown only with the case; the rest by role (and team)."""
    roles = roles_of(user)
    if MANAGER in roles:
        return Learning.objects.all()
    with_case = Q(case__in=cases_visible_to(user))
    if _casework(user):
        return Learning.objects.filter(Q(case__isnull=True) | with_case)
    if RESPONDER in roles:
        return Learning.objects.filter(
            Q(case__isnull=True, team_id__in=team_ids_of(user)) | with_case
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


def can_view_caseload(user: Any) -> bool:
    """The team caseload (open, due this week, overdue, by owner): for managers. A responding
    manager sees it over their teams' cases, as everywhere else."""
    return bool(roles_of(user) & {MANAGER, RESPONDER})


def can_administer(user: Any) -> bool:
    return MANAGER in roles_of(user)
