"""The public pages: parse the request, call one service, render. No sign-in.

Every POST counts against the client's rate limit; a completed submission counts against a
stricter one. Bad input re-renders the page with an error summary and stores nothing.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from complaintsdesk.cases.models import Directorate
from complaintsdesk.core.errors import ServiceError
from complaintsdesk.core.params import ParameterError, whole_number
from complaintsdesk.intake import anonymous_forms
from complaintsdesk.intake.forms import PublicForm
from complaintsdesk.intake.journeys import JOURNEYS, Journey, Step
from complaintsdesk.intake.presenters import (
    SummaryRow,
    display_value,
    error_summary,
    field_kind,
    short_label,
    visible_fields,
)
from complaintsdesk.intake.ratelimit import rate_limit_exceeded
from complaintsdesk.intake.services import equality_response_create, feedback_response_create
from complaintsdesk.intake.submissions import journey_submit_once
from complaintsdesk.intake.uploads import pending_discard, pending_save
from complaintsdesk.intake.wizard import DONE_KEY, JourneyState
from complaintsdesk.intake.writer import one_writer

View = Callable[..., HttpResponse]


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("council_name", settings.COMPLAINTSDESK.get("COUNCIL_NAME"))
    context.setdefault("service_name", "Complaints and compliments")
    return render(request, f"intake/{template}", context, status=status)


def _too_many(request: HttpRequest) -> HttpResponse:
    return _render(request, "too_many.html", {}, status=429)


def _posts_limited(request: HttpRequest) -> bool:
    return request.method == "POST" and rate_limit_exceeded(
        request, bucket="posts", limit=int(settings.INTAKE["RATE_LIMIT_POSTS"])
    )


def _submissions_limited(request: HttpRequest) -> bool:
    return rate_limit_exceeded(
        request, bucket="submissions", limit=int(settings.INTAKE["RATE_LIMIT_SUBMISSIONS"])
    )


def _journey(slug: str) -> Journey:
    journey = JOURNEYS.get(slug)
    if journey is None:
        raise Http404("No such form")
    return journey


def _step_url(journey: Journey, step: Step) -> str:
    return reverse("intake:step", args=[journey.slug, step.slug])


def _next_url(journey: Journey, state: JourneyState) -> str:
    nxt = journey.first_unanswered(state.answers)
    return _step_url(journey, nxt) if nxt else reverse("intake:check", args=[journey.slug])


def start(request: HttpRequest) -> HttpResponse:
    return _render(request, "start.html", {"journeys": JOURNEYS.values()})


def journey_start(request: HttpRequest, journey: str) -> HttpResponse:
    j = _journey(journey)
    return _render(
        request,
        "journey_start.html",
        {"journey": j, "first_url": _next_url(j, JourneyState(request, j))},
    )


def _form_for(step: Step, state: JourneyState, data: Any = None, files: Any = None) -> PublicForm:
    kwargs: dict[str, Any] = {"initial": state.answers.get(step.slug, {})}
    if step.uploads:
        kwargs["already"] = len(state.uploads)
    return step.form_class(data, files, **kwargs)


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, journey: str, step: str) -> HttpResponse:
    j = _journey(journey)
    s = j.step(step)
    if s is None:
        raise Http404("No such question")
    state = JourneyState(request, j)
    # Pages are answered in order: a page whose earlier pages are unanswered sends you back.
    unanswered = j.first_unanswered(state.answers)
    applicable = [x.slug for x in j.applicable(state.answers)]
    if s.slug not in applicable or (
        unanswered and applicable.index(unanswered.slug) < applicable.index(s.slug)
    ):
        return HttpResponseRedirect(_next_url(j, state))
    if _posts_limited(request):
        return _too_many(request)

    if request.method == "POST":
        form = _form_for(s, state, request.POST, request.FILES)
    else:
        form = _form_for(s, state)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if s.uploads and remove:
            for pending in [u for u in state.uploads if u.token == remove]:
                pending_discard(pending)
            state.uploads = [u for u in state.uploads if u.token != remove]
            state.save()
            return HttpResponseRedirect(_step_url(j, s))
        if form.is_valid():
            if s.uploads:
                upload = form.cleaned_data.get("document")
                if upload:
                    state.uploads.append(pending_save(upload, content_type=upload.sniffed_type))
                if request.POST.get("action") == "upload":
                    state.save()
                    return HttpResponseRedirect(_step_url(j, s))
            state.answers[s.slug] = form.answers() if not s.uploads else {}
            state.save()
            return HttpResponseRedirect(_next_url(j, state))

    fields = visible_fields(form)
    previous = j.previous(s.slug, state.answers)
    return _render(
        request,
        "documents.html" if s.uploads else "step.html",
        {
            "journey": j,
            "step": s,
            "form": form,
            "fields": fields,
            "single": len(fields) == 1 and field_kind(fields[0]) != "checkbox",
            "error_summary": error_summary(form) if form.is_bound else [],
            "back_url": _step_url(j, previous)
            if previous
            else reverse("intake:journey", args=[j.slug]),
            "uploads": state.uploads,
            "max_files": settings.INTAKE["MAX_FILES"],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _summary_rows(j: Journey, state: JourneyState) -> list[SummaryRow]:
    rows: list[SummaryRow] = []
    for s in j.applicable(state.answers):
        url = _step_url(j, s)
        if s.uploads:
            value = ", ".join(u.title for u in state.uploads) or "None"
            rows.append(SummaryRow("Documents", value, url, "documents"))
            continue
        form = s.form_class(initial=state.answers.get(s.slug, {}))
        for bf in visible_fields(form):
            key = short_label(str(bf.label))
            value = display_value(bf.field, state.answers.get(s.slug, {}).get(bf.name))
            rows.append(SummaryRow(key, value, url, key.lower()))
    return rows


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, journey: str) -> HttpResponse:
    j = _journey(journey)
    state = JourneyState(request, j)
    if j.first_unanswered(state.answers) is not None:
        if request.method == "POST" and not state.answers and _sent(request, j):
            return redirect("intake:done", journey=j.slug)  # "Send" again: the same confirmation
        return HttpResponseRedirect(_next_url(j, state))
    if not state.token_saved:  # a journey begun before submission tokens existed
        state.save()
    form = PublicForm(request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST":
        if _posts_limited(request) or _submissions_limited(request):
            return _too_many(request)
        if form.is_valid():
            try:
                with one_writer():
                    confirmation = journey_submit_once(
                        token=state.token,
                        journey=j,
                        answers=state.answers,
                        uploads=state.uploads,
                        today=timezone.localdate(),
                    )
                    state.clear()
                    request.session[DONE_KEY] = confirmation
                    # Saved now, in turn, rather than by the middleware after the slot is released.
                    request.session.save()
                    request.session.modified = False
            except ServiceError as error:
                problem = error.message
            else:
                return redirect("intake:done", journey=j.slug)
    summary = (
        [{"text": problem, "href": "#main-content"}]
        if problem
        else (error_summary(form) if form.is_bound else [])
    )
    return _render(
        request,
        "check.html",
        {
            "journey": j,
            "rows": _summary_rows(j, state),
            "form": form,
            "error_summary": summary,
            "back_url": _step_url(j, j.applicable(state.answers)[-1]),
        },
        status=400 if summary else 200,
    )


def _sent(request: HttpRequest, journey: Journey) -> bool:
    return bool((request.session.get(DONE_KEY) or {}).get("journey") == journey.slug)


def done(request: HttpRequest, journey: str) -> HttpResponse:
    j = _journey(journey)
    result = request.session.get(DONE_KEY)
    if not result or result.get("journey") != j.slug:
        return redirect("intake:journey", journey=j.slug)
    return _render(request, "done.html", {"journey": j, "result": result})


# --- anonymous forms: no session state is read or written, nothing ties them to a case ---


def _directorate(request: HttpRequest) -> Directorate | None:
    value = request.POST.get("directorate") or request.GET.get("directorate")
    try:
        pk = whole_number(value, name="directorate")
    except ParameterError:
        return None  # a mangled link: the answers are still welcome, unattributed
    return Directorate.objects.filter(pk=pk).first() if pk is not None else None


def _anonymous(
    request: HttpRequest,
    *,
    form_class: type[PublicForm],
    template: str,
    create: Callable[..., Any],
    done_url: str,
) -> HttpResponse:
    directorate = _directorate(request)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _posts_limited(request) or _submissions_limited(request):
            return _too_many(request)
        if form.is_valid():
            create(received=timezone.localdate(), directorate=directorate, answers=form.answers())
            return HttpResponseRedirect(done_url)
    return _render(
        request,
        template,
        {
            "form": form,
            "fields": visible_fields(form),
            "directorate": directorate,
            "error_summary": error_summary(form) if form.is_bound else [],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest) -> HttpResponse:
    return _anonymous(
        request,
        form_class=anonymous_forms.EqualityForm,
        template="equality.html",
        create=equality_response_create,
        done_url=reverse("intake:equality_done"),
    )


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    return _anonymous(
        request,
        form_class=anonymous_forms.FeedbackForm,
        template="feedback.html",
        create=feedback_response_create,
        done_url=reverse("intake:feedback_done"),
    )


def thanks(request: HttpRequest, *, what: str) -> HttpResponse:
    return _render(request, "thanks.html", {"what": what})


def accessibility(request: HttpRequest) -> HttpResponse:
    """This service's own accessibility statement (a council may link its own instead)."""
    return _render(
        request,
        "accessibility.html",
        {"contact_email": settings.COMPLAINTS_TEAM_EMAIL, "back_url": reverse("intake:start")},
    )


def cookies(request: HttpRequest) -> HttpResponse:
    """The cookies this service sets: only the ones it needs to work."""
    hours = round(settings.SESSION_COOKIE_AGE / 3600)
    return _render(
        request, "cookies.html", {"back_url": reverse("intake:start"), "session_hours": hours}
    )
