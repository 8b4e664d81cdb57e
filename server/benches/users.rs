//! `make bench`: user management at scale. Generates an enterprise of `BENCH_USERS` users
//! (100,000) in `BENCH_GROUPS` groups (1,000) on a fresh SQLite file and a fresh PostgreSQL
//! schema, then times the use cases the endpoints call (server-side latency, without HTTP):
//! p50 and p99 of `BENCH_ITERATIONS` sequential calls, and requests per second with four
//! concurrent clients. Checks the targets: every read p99 ≤ 20 ms, every write p99 ≤ 30 ms, a deep
//! page no slower than 1.5 × the first page; exits 1 when one is missed. `BENCH_LOG=sqlx=debug`
//! also prints each statement the use cases run, with its time.

use app::domain::{EnterpriseNumber, GroupId, Nrn, PersonId, ServiceId};
use app::features::auth::acting::Acting;
use app::features::demo::seed::{SeedSpec, seed};
use app::features::users::change::set_blocked;
use app::features::users::create::{NewUser, create};
use app::features::users::detail::detail;
use app::features::users::list::list;
use app::features::users::{LinkDetails, Reach, StatusFilter, UserQuery};
use app::platform::Database;
use app::policy::OperatorPermit;
use app::testing::TestDb;
use app::testing::fixtures::load_catalogue;
use std::future::Future;
use std::time::{Duration, Instant};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Timing {
    name: &'static str,
    write: bool,
    p50: Duration,
    p99: Duration,
    per_second: f64,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Times `n` sequential calls of `op(i)`, then `n` calls from four concurrent clients.
async fn measure<F, Fut>(name: &'static str, write: bool, n: usize, op: F) -> Timing
where
    F: Fn(usize) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        let started = Instant::now();
        op(i).await;
        times.push(started.elapsed());
    }
    times.sort();
    let started = Instant::now();
    let mut clients = Vec::new();
    for client in 0..4 {
        let op = op.clone();
        clients.push(tokio::spawn(async move {
            for i in (client..n).step_by(4) {
                op(n + i).await;
            }
        }));
    }
    for client in clients {
        client.await.expect("a client");
    }
    Timing {
        name,
        write,
        p50: percentile(&times, 0.5),
        p99: percentile(&times, 0.99),
        per_second: n as f64 / started.elapsed().as_secs_f64(),
    }
}

/// A user of the seeded enterprise: who, their NRN, a group and their version.
#[derive(Clone)]
struct Sample {
    person: PersonId,
    nrn: String,
    sort_name: String,
    given_first: String,
    group: GroupId,
}

async fn samples(db: &Database, enterprise: i64, count: usize) -> Vec<Sample> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.person_id, u.nrn, u.sort_name, u.given_first, \
         (SELECT MIN(m.group_id) FROM memberships m WHERE m.enterprise_id = u.enterprise_id \
          AND m.person_id = u.person_id AND m.blocked_at IS NULL) \
         FROM enterprise_users u WHERE u.enterprise_id = $1 \
         AND EXISTS (SELECT 1 FROM memberships m WHERE m.enterprise_id = u.enterprise_id \
          AND m.person_id = u.person_id AND m.blocked_at IS NULL) \
         ORDER BY u.nrn LIMIT $2",
    )
    .bind(enterprise)
    .bind(count as i64)
    .fetch_all(db.pool())
    .await
    .expect("sample users");
    rows.into_iter()
        .map(|(person, nrn, sort_name, given_first, group)| Sample {
            person: PersonId(person),
            nrn,
            sort_name,
            given_first,
            group: GroupId(group),
        })
        .collect()
}

/// Times `n` user lists as `acting`, each with the query `query` builds from the next of
/// `samples`.
async fn list_case<Q>(
    (db, n): (&Database, usize),
    name: &'static str,
    acting: Acting,
    samples: &[Sample],
    query: Q,
) -> Timing
where
    Q: Fn(&Sample) -> UserQuery + Clone + Send + Sync + 'static,
{
    let (db, samples) = (db.clone(), samples.to_vec());
    measure(name, false, n, move |i| {
        let query = query(&samples[(i * 7) % samples.len()]);
        let db = db.clone();
        async move {
            list(&db, &acting, &query).await.expect(name);
        }
    })
    .await
}

async fn run(backend: &str, db: Database, users: u64, groups: u64, n: usize) -> Vec<Timing> {
    load_catalogue(&db).await;
    let started = Instant::now();
    let seeded = seed(
        &db,
        &OperatorPermit::at_the_command_line(),
        &SeedSpec {
            number: EnterpriseNumber::parse("0403019261").expect("a number"),
            name: "Bench NV".into(),
            users,
            groups,
        },
    )
    .await
    .expect("seed");
    println!(
        "{backend}: generated {} users in {} groups in {:.1} s",
        seeded.users,
        seeded.groups.len(),
        started.elapsed().as_secs_f64()
    );
    let enterprise = seeded.demo.enterprise;
    let mam: i64 =
        sqlx::query_scalar("SELECT person_id FROM main_access_managers WHERE enterprise_id = $1")
            .bind(enterprise.0)
            .fetch_one(db.pool())
            .await
            .expect("the main access manager");
    let acting = Acting {
        person: PersonId(mam),
        enterprise,
        roles: Default::default(),
    };
    // Four times as many sampled users as calls: reads and writes each get their own.
    let sample = samples(&db, enterprise.0, n * 8).await;
    let deep: (i64, String) = sqlx::query_as(
        "SELECT person_id, sort_name FROM enterprise_users WHERE enterprise_id = $1 \
         ORDER BY sort_name, person_id LIMIT 1 OFFSET $2",
    )
    .bind(enterprise.0)
    .bind((seeded.users * 9 / 10) as i64)
    .fetch_one(db.pool())
    .await
    .expect("a deep cursor");
    let deep = format!("{}:{}", deep.0, deep.1);

    let am: i64 = sqlx::query_scalar(
        "SELECT person_id FROM administrators WHERE enterprise_id = $1 AND level = 'access_manager'",
    )
    .bind(enterprise.0)
    .fetch_one(db.pool())
    .await
    .expect("the access manager");
    let access_manager = Acting {
        person: PersonId(am),
        ..acting
    };
    let rare: i64 = sqlx::query_scalar(
        "SELECT gs.service_id FROM group_services gs JOIN enterprise_groups eg \
         ON eg.group_id = gs.group_id WHERE eg.enterprise_id = $1 \
         GROUP BY gs.service_id ORDER BY COUNT(*), gs.service_id LIMIT 1",
    )
    .bind(enterprise.0)
    .fetch_one(db.pool())
    .await
    .expect("the least offered service");
    let rare = Some(ServiceId(rare));
    let blocked = Some(StatusFilter::Blocked);
    let given = |s: &Sample| s.given_first[..3].to_owned();

    let mut timings = vec![
        list_case((&db, n), "users, page 1", acting, &sample, |_| {
            UserQuery::default()
        })
        .await,
        list_case(
            (&db, n),
            "users, page at 90 %",
            acting,
            &sample,
            move |_| UserQuery {
                after: Some(deep.clone()),
                ..UserQuery::default()
            },
        )
        .await,
        list_case(
            (&db, n),
            "search NRN prefix (8 digits)",
            acting,
            &sample,
            |s| UserQuery {
                search: s.nrn[..8].to_owned(),
                ..UserQuery::default()
            },
        )
        .await,
        list_case(
            (&db, n),
            "search family-name prefix (6)",
            acting,
            &sample,
            |s| UserQuery {
                search: s.sort_name[..s.sort_name.len().min(6)].to_owned(),
                ..UserQuery::default()
            },
        )
        .await,
        list_case(
            (&db, n),
            "search given-name prefix (3)",
            acting,
            &sample,
            move |s| UserQuery {
                search: given(s),
                ..UserQuery::default()
            },
        )
        .await,
        list_case(
            (&db, n),
            "blocked users, page 1",
            acting,
            &sample,
            move |_| UserQuery {
                status: blocked,
                ..UserQuery::default()
            },
        )
        .await,
        list_case(
            (&db, n),
            "least offered service, page 1",
            acting,
            &sample,
            move |_| UserQuery {
                service: rare,
                ..UserQuery::default()
            },
        )
        .await,
        list_case((&db, n), "a group's users, page 1", acting, &sample, |s| {
            UserQuery {
                group: Some(s.group),
                ..UserQuery::default()
            }
        })
        .await,
        list_case(
            (&db, n),
            "access manager's users, page 1",
            access_manager,
            &sample,
            |_| UserQuery::default(),
        )
        .await,
    ];
    let (d, s) = (db.clone(), sample.clone());
    timings.push(
        measure("user detail", false, n, move |i| {
            let (db, person) = (d.clone(), s[(i * 3) % s.len()].person);
            async move {
                detail(&db, &acting, person).await.expect("detail");
            }
        })
        .await,
    );
    // Writes: each call blocks another user (reading the version their form would carry).
    let (d, s) = (db.clone(), sample.clone());
    timings.push(
        measure("block in a group", true, n, move |i| {
            let (db, user) = (d.clone(), s[i % s.len()].clone());
            async move {
                let version: i64 = sqlx::query_scalar(
                    "SELECT version FROM enterprise_users WHERE enterprise_id = $1 AND person_id = $2",
                )
                .bind(acting.enterprise.0)
                .bind(user.person.0)
                .fetch_one(db.pool())
                .await
                .expect("version");
                set_blocked(&db, &acting, user.person, Reach::Group(user.group), true, version, None)
                    .await
                    .expect("block");
            }
        })
        .await,
    );
    let (d, group) = (db.clone(), seeded.groups[0]);
    timings.push(
        measure("create user (linking the person)", true, n, move |i| {
            let db = d.clone();
            async move {
                let letter = app::features::invitations::letter::Letter {
                    link_base: "http://127.0.0.1:3000".into(),
                    providers: Vec::new(),
                };
                let new = NewUser {
                    group,
                    nrn: Nrn::synthetic(16_700_000 + i as u64).formatted(),
                    services: Vec::new(),
                    link: Some(LinkDetails {
                        given_name: "Nieuwe".into(),
                        family_name: format!("Gebruiker {i}"),
                        email: format!("new{i}@bench.example"),
                        language: "nl".into(),
                    }),
                };
                // A new person cannot sign in yet: the creation invites them, as in production.
                create(&db, &acting, &new, &letter, None)
                    .await
                    .expect("create");
            }
        })
        .await,
    );
    timings
}

fn report(backend: &str, timings: &[Timing]) -> bool {
    println!("\n{backend}");
    println!(
        "{:<36} {:>10} {:>10} {:>12}  target",
        "operation", "p50 ms", "p99 ms", "req/s (4)"
    );
    let mut ok = true;
    let page_one = timings[0].p50;
    for (i, t) in timings.iter().enumerate() {
        let limit = if t.write { 30.0 } else { 20.0 };
        let p99 = t.p99.as_secs_f64() * 1000.0;
        let mut verdict = if p99 <= limit {
            format!("p99 ≤ {limit} ms: met")
        } else {
            ok = false;
            format!("p99 ≤ {limit} ms: MISSED")
        };
        if i == 1 {
            let ratio = t.p50.as_secs_f64() / page_one.as_secs_f64();
            if ratio <= 1.5 {
                verdict.push_str(&format!("; {ratio:.2} × page 1: met"));
            } else {
                ok = false;
                verdict.push_str(&format!("; {ratio:.2} × page 1: MISSED (≤ 1.5)"));
            }
        }
        println!(
            "{:<36} {:>10.2} {:>10.2} {:>12.0}  {verdict}",
            t.name,
            t.p50.as_secs_f64() * 1000.0,
            p99,
            t.per_second
        );
    }
    ok
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `BENCH_LOG=sqlx=debug` prints every statement with its time, to see where a use case spends it.
    if let Ok(directives) = std::env::var("BENCH_LOG") {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(directives))
            .init();
    }
    let users = setting("BENCH_USERS", 100_000);
    let groups = setting("BENCH_GROUPS", 1_000);
    let n = setting("BENCH_ITERATIONS", 400) as usize;
    let mut ok = true;
    let sqlite = TestDb::sqlite().await;
    let timings = run("SQLite", sqlite.db.clone(), users, groups, n).await;
    ok &= report("SQLite", &timings);
    match TestDb::postgres().await {
        Some(postgres) => {
            let timings = run("PostgreSQL", postgres.db.clone(), users, groups, n).await;
            ok &= report("PostgreSQL", &timings);
        }
        None => println!("\nPostgreSQL: skipped (SKIP_POSTGRES_TESTS)"),
    }
    if !ok {
        std::process::exit(1);
    }
}
