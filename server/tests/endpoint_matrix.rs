//! Every registered server function, called over HTTP by everyone who must be turned away: no
//! session (401), a person of another enterprise (403), a person of the enterprise without the
//! needed role (403). The table below must name every registered endpoint, so an endpoint added
//! without a line here — and without authorization — fails the suite. Both backends; nothing
//! changes, and the invariants hold at the end.

mod common;

use app::db_test;
use app::domain::{EnterpriseId, PersonId};
use app::features::admins::appoint::appoint;
use app::features::auth::session::start;
use app::features::enterprises::register::register;
use app::platform::Database;
use app::platform::db::now_millis;
use app::policy::OperatorPermit;
use app::policy::Post;
use app::testing::fixtures::{
    Acme, acme_with_staff, activate, group, person, registration, service,
};
use axum::Router;
use axum::body::Body;
use axum::http::Request;
use common::{Reply, app, send};
use std::collections::BTreeSet;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// Anyone: the request itself carries the credential, or it only says who is signed in.
    Public,
    /// Any signed-in person, about themselves.
    Personal,
    /// An administrator of the enterprise the session acts for, in a role the policy checks.
    Administrator,
}

/// How a sample request is encoded.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Form,
    Json,
}

/// One endpoint: its path, who may call it, and a sample request aimed at Acme.
struct Endpoint {
    path: &'static str,
    access: Access,
    encoding: Encoding,
    /// The sample body; `{bert}`, `{carla}`, `{dirk}`, `{acme}`, `{employer}`, `{care}` are filled in.
    body: &'static str,
    /// Why it is public, for `Access::Public`.
    why: &'static str,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        path: "/api/auth/sign_in",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "identifier=85073003328&password=wrong&code=000000",
        why: "the password and code are the credential; refusals are throttled and audited",
    },
    Endpoint {
        path: "/api/activation/view",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "token=not-a-token",
        why: "the one-time activation link is the credential",
    },
    Endpoint {
        path: "/api/activation/complete",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "token=not-a-token&password=violet-tractor-Quantum-7-harbour&password_confirm=violet-tractor-Quantum-7-harbour&code=000000",
        why: "the one-time activation link is the credential",
    },
    Endpoint {
        path: "/api/activation/confirm",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "token=not-a-token&password=wrong&code=000000",
        why: "the one-time activation link and the manager's own password and code are the credential",
    },
    Endpoint {
        path: "/api/invitation/view",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "token=not-a-token",
        why: "the one-time invitation link is the credential",
    },
    Endpoint {
        path: "/api/invitation/accept",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "token=not-a-token&password=violet-tractor-Quantum-7-harbour&password_confirm=violet-tractor-Quantum-7-harbour&code=000000",
        why: "the one-time invitation link is the credential",
    },
    Endpoint {
        path: "/api/auth/me",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "",
        why: "says who is signed in, or that nobody is",
    },
    Endpoint {
        path: "/api/auth/providers",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "",
        why: "the sign-in page's buttons: the providers' names and whether they can be reached",
    },
    Endpoint {
        path: "/api/auth/sign_out",
        access: Access::Public,
        encoding: Encoding::Form,
        body: "",
        why: "ends the caller's own session if there is one and clears the cookie; idempotent",
    },
    Endpoint {
        path: "/api/auth/sign_out_everywhere",
        access: Access::Personal,
        encoding: Encoding::Form,
        body: "",
        why: "",
    },
    Endpoint {
        path: "/api/auth/act_for",
        access: Access::Personal,
        encoding: Encoding::Form,
        body: "enterprise={acme}",
        why: "",
    },
    Endpoint {
        path: "/api/audit/list",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "",
        why: "",
    },
    Endpoint {
        path: "/api/admins/overview",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "",
        why: "",
    },
    Endpoint {
        path: "/api/admins/group-administrators",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"query":{"search":"care"}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/admins/open-posts",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "text=emp",
        why: "",
    },
    Endpoint {
        path: "/api/admins/candidates",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "text=Bert",
        why: "",
    },
    Endpoint {
        path: "/api/admins/appoint",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{bert},"post":{"level":"group_administrator","scope":{care}}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/admins/revoke",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{carla},"post":{"level":"group_administrator","scope":{employer}}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/admins/resend_invitation",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{dirk}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/groups",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"query":{"search":"emp"}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/group",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "group={employer}",
        why: "",
    },
    Endpoint {
        path: "/api/users/filters",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"group":{employer},"service":{dimona}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/choices",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "kind=group&text=emp",
        why: "",
    },
    Endpoint {
        path: "/api/users/lookup",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "group={employer}&nrn=79041212340",
        why: "",
    },
    Endpoint {
        path: "/api/users/create",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"group":{employer},"nrn":"79041212340","services":[{dimona}],"link":null}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/list",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"query":{"search":"7904"}}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/detail",
        access: Access::Administrator,
        encoding: Encoding::Form,
        body: "person={bert}",
        why: "",
    },
    Endpoint {
        path: "/api/users/services",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{bert},"group":{employer},"services":[],"version":1}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/block",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{bert},"reach":{"where":"group","group":{employer}},"block":true,"version":2}"#,
        why: "",
    },
    Endpoint {
        path: "/api/users/remove",
        access: Access::Administrator,
        encoding: Encoding::Json,
        body: r#"{"person":{bert},"group":{employer},"version":3}"#,
        why: "",
    },
    Endpoint {
        path: "/api/ebox/list",
        access: Access::Personal,
        encoding: Encoding::Form,
        body: "",
        why: "",
    },
    Endpoint {
        path: "/api/ebox/read",
        access: Access::Personal,
        encoding: Encoding::Form,
        body: "id=1",
        why: "",
    },
    Endpoint {
        path: "/api/users/my-access",
        access: Access::Personal,
        encoding: Encoding::Form,
        body: "",
        why: "",
    },
];

/// The people and ids the samples name.
struct World {
    acme: Acme,
    beta: EnterpriseId,
    olaf: PersonId,
    values: Vec<(&'static str, String)>,
}

async fn world(db: &Database) -> World {
    let acme = acme_with_staff(db).await;
    let employer = group(db, "employer").await;
    let care = group(db, "care_institution").await;
    let [bert, carla, ..] = acme.staff[..] else {
        unreachable!()
    };
    appoint(
        db,
        &acme.acting(acme.anna),
        carla,
        Post::GroupAdministrator(employer),
        &app::testing::fixtures::letter(),
        None,
    )
    .await
    .expect("Carla administers the employer group");
    // Beta, active, whose main access manager Olaf is linked to Beta only.
    let registered = register(
        db,
        &OperatorPermit::at_the_command_line(),
        &registration(
            "0431150350",
            "Beta BV",
            person("17073003384", "Olaf", "Olsen"),
        ),
    )
    .await
    .expect("register Beta");
    activate(db, registered.activation.expose()).await;
    World {
        values: vec![
            ("{bert}", bert.to_string()),
            ("{carla}", carla.to_string()),
            ("{dirk}", acme.staff[2].to_string()),
            ("{acme}", acme.enterprise.to_string()),
            ("{employer}", employer.to_string()),
            ("{care}", care.to_string()),
            ("{dimona}", service(db, "dimona").await.to_string()),
        ],
        acme,
        beta: registered.enterprise,
        olaf: registered.main_access_manager,
    }
}

/// A session for `person`, acting for `enterprise`; returns the cookie.
async fn session_for(db: &Database, person: PersonId, enterprise: EnterpriseId) -> String {
    let mut tx = db.write().await.expect("begin");
    let token = start(&mut tx, person, now_millis(), None)
        .await
        .expect("session");
    tx.commit().await.expect("commit");
    // Set directly: act_for would refuse an enterprise the person is not linked to, which is
    // exactly the forged state the endpoints must turn away.
    sqlx::query("UPDATE sessions SET enterprise_id = $1 WHERE person_id = $2")
        .bind(enterprise.0)
        .bind(person.0)
        .execute(db.pool())
        .await
        .expect("act for");
    format!("session={}", token.expose())
}

async fn call(app: &Router, world: &World, endpoint: &Endpoint, cookie: Option<&str>) -> Reply {
    let mut body = endpoint.body.to_owned();
    for (name, value) in &world.values {
        body = body.replace(name, value);
    }
    let content_type = match endpoint.encoding {
        Encoding::Form => "application/x-www-form-urlencoded",
        Encoding::Json => "application/json",
    };
    let mut request = Request::post(endpoint.path)
        .header("content-type", content_type)
        .header("accept", "application/json")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    send(app, request.body(Body::from(body)).expect("request")).await
}

async fn administrators(db: &Database) -> Vec<(i64, String)> {
    sqlx::query_as("SELECT person_id, level FROM administrators ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("administrators")
}

#[test]
fn the_table_names_every_registered_server_function() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let listed: BTreeSet<String> = ENDPOINTS.iter().map(|e| e.path.to_owned()).collect();
    assert_eq!(
        registered, listed,
        "every server function needs a line in ENDPOINTS, with its access"
    );
    for endpoint in ENDPOINTS {
        if matches!(endpoint.access, Access::Public) {
            assert!(
                !endpoint.why.is_empty(),
                "{} is public: say why",
                endpoint.path
            );
        }
    }
}

db_test!(
    every_endpoint_turns_away_the_anonymous_other_enterprises_and_people_without_the_role,
    |t| async move {
        let db = &t.db;
        let world = world(db).await;
        let app = app(db);
        let dirk = world.acme.staff[2];
        let without_role = session_for(db, dirk, world.acme.enterprise).await;
        let forged = session_for(db, world.olaf, world.acme.enterprise).await;
        let before = administrators(db).await;

        for endpoint in ENDPOINTS {
            let path = endpoint.path;
            let anonymous = call(&app, &world, endpoint, None).await;
            match endpoint.access {
                Access::Public => {
                    // Reached without a session: the sample's own refusal (bad credentials, an
                    // unknown link) or an answer, never a demand to sign in first.
                    let expected: u16 = match path {
                        "/api/auth/sign_in" => 401,
                        "/api/activation/view"
                        | "/api/activation/complete"
                        | "/api/activation/confirm"
                        | "/api/invitation/view"
                        | "/api/invitation/accept" => 404,
                        _ => 200,
                    };
                    assert_eq!(
                        anonymous.status, expected,
                        "{path} anonymously: {}",
                        anonymous.body
                    );
                    if expected == 401 {
                        assert!(
                            anonymous.body.contains("sign_in_refused"),
                            "{}",
                            anonymous.body
                        );
                    }
                    continue;
                }
                Access::Personal | Access::Administrator => {
                    assert_eq!(
                        anonymous.status, 401,
                        "{path} anonymously: {}",
                        anonymous.body
                    )
                }
            }
            if matches!(endpoint.access, Access::Administrator) {
                let reply = call(&app, &world, endpoint, Some(&forged)).await;
                assert_eq!(
                    reply.status, 403,
                    "{path} by another enterprise's manager claiming Acme: {}",
                    reply.body
                );
                let reply = call(&app, &world, endpoint, Some(&without_role)).await;
                assert_eq!(
                    reply.status, 403,
                    "{path} by Acme's Dirk, no role: {}",
                    reply.body
                );
            }
        }

        // Another enterprise's manager, acting for their own, aiming at Acme's people and posts.
        let olaf = session_for(db, world.olaf, world.beta).await;
        for path in [
            "/api/admins/appoint",
            "/api/admins/revoke",
            "/api/auth/act_for",
        ] {
            let endpoint = ENDPOINTS.iter().find(|e| e.path == path).expect("listed");
            let reply = call(&app, &world, endpoint, Some(&olaf)).await;
            assert_eq!(
                reply.status, 403,
                "{path} by Beta's Olaf at Acme: {}",
                reply.body
            );
        }
        assert_eq!(administrators(db).await, before, "nothing changed");

        // The samples are real requests: Acme's main access manager gets them through.
        let anna = session_for(db, world.acme.anna, world.acme.enterprise).await;
        for endpoint in ENDPOINTS
            .iter()
            .filter(|e| matches!(e.access, Access::Administrator))
        {
            let reply = call(&app, &world, endpoint, Some(&anna)).await;
            assert_eq!(
                reply.status, 200,
                "{} by Anna: {}",
                endpoint.path, reply.body
            );
        }
        assert_ne!(administrators(db).await, before);
    }
);
