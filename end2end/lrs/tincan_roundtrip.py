"""A round trip through Licensure's LRS with an independent xAPI client: Rustici's `tincan`
(TinCanPython 1.0.0 from PyPI), as a CE provider's own system would use it.

It saves a statement, reads it back by id, finds it with a filtered query, saves and reads a
state document and an activity profile, voids the statement and checks queries no longer
return it. The credential comes from the environment (never the command line, where other
processes could read it): LRS_ENDPOINT, LRS_KEY, LRS_SECRET. It prints one JSON summary line
and exits 0, or names the failed step and exits 1.

Known gaps of tincan 1.0.0 this script steps around by reading the HTTP response itself:
`save_state` drops the document's registration and sends its PUT twice, and documents read
back never carry their ETag or content type (it looks the headers up in a list of pairs).
"""

import json
import os
import sys
import uuid

from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    Context,
    LanguageMap,
    RemoteLRS,
    Result,
    Score,
    Statement,
    StatementRef,
    Verb,
)
from tincan.documents import ActivityProfileDocument, StateDocument

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"


class RoundTripError(Exception):
    """One step of the round trip did not get the answer the xAPI 1.0.3 spec requires."""


def check(condition, step, detail=""):
    if not condition:
        raise RoundTripError(f"{step}: {detail}" if detail else step)


def answered(response, step, status=None):
    """The response must be a success (or carry `status`); its HTTP status is returned."""
    got = response.response.status
    body = response.data if isinstance(response.data, str) else ""
    if status is None:
        check(response.success, step, f"HTTP {got} {body[:300]}")
    else:
        check(got == status, step, f"expected HTTP {status}, got {got} {body[:300]}")
    return got


def main():
    endpoint = os.environ["LRS_ENDPOINT"]
    lrs = RemoteLRS(
        endpoint=endpoint,
        username=os.environ["LRS_KEY"],
        password=os.environ["LRS_SECRET"],
        version="1.0.3",
    )
    run = uuid.uuid4().hex[:12]
    learner = Agent(name="Round Trip Learner", mbox=f"mailto:roundtrip-{run}@example.org")
    activity = Activity(
        id=f"https://provider.example.org/roundtrip/{run}",
        definition=ActivityDefinition(
            name=LanguageMap({"en-US": "Round trip module"}),
            type="http://adlnet.gov/expapi/activities/module",
        ),
    )
    experienced = Verb(id=EXPERIENCED, display=LanguageMap({"en-US": "experienced"}))
    registration = uuid.uuid4()

    about = lrs.about()
    answered(about, "about")
    check("1.0.3" in about.content.version, "about", f"versions {about.content.version}")

    # A wrong secret stores nothing.
    impostor = RemoteLRS(endpoint=endpoint, username=os.environ["LRS_KEY"], password="wrong",
                         version="1.0.3")
    answered(impostor.save_statement(Statement(actor=learner, verb=experienced, object=activity)),
             "save with a wrong secret", status=401)

    # 1. Save a statement; the LRS assigns its id.
    statement = Statement(
        actor=learner,
        verb=experienced,
        object=activity,
        result=Result(score=Score(scaled=0.9, raw=9, min=0, max=10), completion=True),
        context=Context(registration=registration),
    )
    saved = lrs.save_statement(statement)
    answered(saved, "save statement")
    statement_id = str(saved.content.id)

    # 2. Read it back by id: the same actor, verb, object, result and registration.
    fetched = lrs.retrieve_statement(statement_id)
    answered(fetched, "retrieve statement")
    got = fetched.content
    check(str(got.id) == statement_id, "retrieve statement", "another id came back")
    check(got.actor.mbox == learner.mbox, "retrieve statement", f"actor {got.actor.mbox}")
    check(got.verb.id == EXPERIENCED, "retrieve statement", f"verb {got.verb.id}")
    check(got.object.id == activity.id, "retrieve statement", f"object {got.object.id}")
    check(got.result.score.scaled == 0.9, "retrieve statement", "the score changed")
    check(got.context.registration == registration, "retrieve statement", "registration")
    check(got.stored is not None and got.authority is not None, "retrieve statement",
          "the LRS must set stored and authority")

    # 3. A filtered query finds exactly this statement; another verb finds nothing.
    query = {"agent": learner, "verb": experienced, "activity": activity,
             "registration": registration}
    found = lrs.query_statements(query)
    answered(found, "query statements")
    ids = [str(s.id) for s in found.content.statements]
    check(ids == [statement_id], "query statements", f"ids {ids}")
    other = lrs.query_statements({**query, "verb": Verb(id="http://adlnet.gov/expapi/verbs/passed")})
    answered(other, "query with another verb")
    check(len(other.content.statements) == 0, "query with another verb", "found statements")

    # 4. A state document: saved, listed and read back byte for byte. tincan's save_state
    # sends no registration, so this is the state outside any registration.
    state_id = f"https://provider.example.org/state/bookmark-{run}"
    bookmark = json.dumps({"page": 3, "run": run})
    state = StateDocument(id=state_id, activity=activity, agent=learner,
                          content=bookmark, content_type="application/json")
    answered(lrs.save_state(state), "save state")
    read = lrs.retrieve_state(activity, learner, state_id)
    answered(read, "retrieve state")
    check(read.response.status == 200, "retrieve state", f"HTTP {read.response.status}")
    check(bytes(read.content.content).decode() == bookmark, "retrieve state",
          f"content {bytes(read.content.content)!r}")
    check(read.response.getheader("ETag"), "retrieve state", "no ETag header")
    listed = lrs.retrieve_state_ids(activity, learner)
    answered(listed, "list state ids")
    check(state_id in listed.content, "list state ids", f"ids {listed.content}")
    # The state belongs to the registration it was saved under (here: none).
    elsewhere = lrs.retrieve_state(activity, learner, state_id, registration=str(registration))
    check(elsewhere.response.status == 404, "state in another registration",
          f"HTTP {elsewhere.response.status}")

    # 5. An activity profile: created, then changed only with its ETag (xAPI concurrency).
    profile_id = f"https://provider.example.org/profile/{run}"
    profile = ActivityProfileDocument(id=profile_id, activity=activity,
                                      content=json.dumps({"version": 1}),
                                      content_type="application/json")
    answered(lrs.save_activity_profile(profile), "create activity profile")
    first = lrs.retrieve_activity_profile(activity, profile_id)
    answered(first, "retrieve activity profile")
    check(json.loads(bytes(first.content.content)) == {"version": 1}, "retrieve activity profile",
          f"content {bytes(first.content.content)!r}")
    etag = first.response.getheader("ETag")
    check(etag, "retrieve activity profile", "no ETag header")
    blind = ActivityProfileDocument(id=profile_id, activity=activity,
                                    content=json.dumps({"version": 2}),
                                    content_type="application/json")
    answered(lrs.save_activity_profile(blind), "overwrite profile without ETag", status=409)
    blind.etag = etag
    answered(lrs.save_activity_profile(blind), "overwrite profile with ETag")
    second = lrs.retrieve_activity_profile(activity, profile_id)
    answered(second, "retrieve changed activity profile")
    check(json.loads(bytes(second.content.content)) == {"version": 2},
          "retrieve changed activity profile", f"content {bytes(second.content.content)!r}")

    # 6. Void the statement: gone from reads by id and from queries, kept as voided.
    voiding = Statement(actor=learner, verb=Verb(id=VOIDED, display=LanguageMap({"en-US": "voided"})),
                        object=StatementRef(id=statement_id))
    voided = lrs.save_statement(voiding)
    answered(voided, "void statement")
    voiding_id = str(voided.content.id)
    answered(lrs.retrieve_statement(statement_id), "read voided statement by id", status=404)
    kept = lrs.retrieve_voided_statement(statement_id)
    answered(kept, "retrieve voided statement")
    check(str(kept.content.id) == statement_id, "retrieve voided statement", "another id")
    # The same query now finds only the voiding statement: a statement targeting another
    # (a StatementRef) meets a filter when its target does, and the voiding statement is
    # still returned (xAPI 1.0.3, Part 2 "Voided" and Part 3 "Filter Conditions for
    # StatementRefs").
    after = lrs.query_statements(query)
    answered(after, "query after voiding")
    left = [str(s.id) for s in after.content.statements]
    check(statement_id not in left, "query after voiding", f"the voided statement is still listed: {left}")
    check(left == [voiding_id], "query after voiding", f"expected only the voiding statement, got {left}")

    # Leave no documents behind.
    state.etag = None
    answered(lrs.delete_state(state), "delete state")
    gone = lrs.retrieve_state(activity, learner, state_id)
    check(gone.response.status == 404, "state deleted", f"HTTP {gone.response.status}")
    profile.etag = second.response.getheader("ETag")
    answered(lrs.delete_activity_profile(profile), "delete activity profile")

    print(json.dumps({"ok": True, "statement": statement_id, "voided": True, "voiding": voiding_id,
                      "state": state_id, "profile": profile_id}))


if __name__ == "__main__":
    try:
        main()
    except RoundTripError as failure:
        print(f"round trip failed at {failure}", file=sys.stderr)
        sys.exit(1)
