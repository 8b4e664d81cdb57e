//! Invitations: a person an administrator adds who cannot sign in yet is invited by e-mail in
//! the same transaction; the link (only its hash stored) works once, for seven days, and sets a
//! password and an app; administrators who manage the person see where they stand and may send
//! it again (throttled, audited), never to themselves or to someone at or above their level.
//! On both backends; every test ends with the invariant check.

mod users_support;

use app::error::ActivationError;
use app::features::admins::sign_in_help::{RESEND_PAUSE_MS, resend_invitation};
use app::features::auth::enrolment::Attempt;
use app::features::auth::link_token::hash_token;
use app::features::auth::sign_in::{Credentials, sign_in};
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::invitations::SignInState;
use app::features::invitations::accept::{complete, open};
use app::features::invitations::state;
use app::testing::fixtures::{GOOD_PASSWORD, LINK_BASE, unix_now};
use users_support::*;

/// The invitation e-mails queued so far, oldest first: (recipient, subject, body).
async fn invitations(db: &Database) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "SELECT recipient, subject, body FROM outbox WHERE kind = 'invitation' ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .expect("read the outbox")
}

/// The token of the link in an e-mail's `body`.
fn token_in(body: &str) -> String {
    let start = body
        .find(&format!("{LINK_BASE}/invitation/"))
        .expect("a link in the e-mail")
        + LINK_BASE.len()
        + "/invitation/".len();
    body[start..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

async fn state_of(db: &Database, w: &World, person: PersonId) -> SignInState {
    let mut conn = db.pool().acquire().await.expect("connection");
    state::one(&mut conn, w.acme.enterprise, person, now_millis())
        .await
        .expect("state")
}

/// Follows the link `token`: opens it, enrols the app it offers, and chooses the password.
async fn accept(db: &Database, token: &str) -> Result<TotpSecret, ActivationError> {
    let view = open(db, token, Vec::new(), None).await?;
    let secret = TotpSecret::from_base32(&view.totp_secret).expect("secret");
    let code = code_at(&secret, unix_now()).expect("code");
    complete(db, token, Attempt::new(GOOD_PASSWORD, &code), None).await?;
    Ok(secret)
}

db_test!(
    a_user_who_cannot_sign_in_is_invited_in_their_language_and_the_link_sets_up_their_sign_in,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[w.dimona])
            .await
            .expect("create");
        let sent = invitations(db).await;
        assert_eq!(sent.len(), 1, "one invitation, with the user");
        let (recipient, subject, body) = &sent[0];
        assert_eq!(recipient, "carla@acme.be");
        assert!(subject.contains("nodigt u uit"), "Dutch: {subject}");
        assert!(body.contains("Beste Carla Bosmans"), "{body}");
        let token = token_in(body);
        assert_eq!(token.len(), 64);
        let stored: String =
            sqlx::query_scalar("SELECT token_hash FROM invitations WHERE person_id = $1")
                .bind(carla.0)
                .fetch_one(db.pool())
                .await
                .expect("the invitation");
        assert_eq!(stored, hash_token(&token), "only the hash is kept");
        assert_eq!(state_of(db, &w, carla).await, SignInState::Queued);

        let secret = accept(db, &token).await.expect("accept");
        assert_eq!(state_of(db, &w, carla).await, SignInState::CanSignIn);
        let code = code_at(&secret, unix_now() + 30).expect("code");
        let credentials = Credentials {
            identifier: STAFF[1].0,
            password: GOOD_PASSWORD,
            code: &code,
        };
        sign_in(db, credentials, None)
            .await
            .expect("Carla signs in");
        assert_eq!(
            accept(db, &token).await.err(),
            Some(ActivationError::AlreadyUsed),
            "the link works once"
        );
        let actions: Vec<String> = audited(db, carla).await.into_iter().map(|a| a.0).collect();
        for action in [
            "user.created",
            "invitation.sent",
            "invitation.opened",
            "invitation.accepted",
        ] {
            assert!(
                actions.contains(&action.to_owned()),
                "{action} in {actions:?}"
            );
        }
    }
);

db_test!(
    an_appointee_who_signs_in_already_is_not_invited_and_one_who_cannot_is,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let social = domain(db, "social_security").await;
        // Anna signs in already (she activated Acme): no invitation when she is made a user.
        w.add(db, w.acme.anna, 0, w.employer, &[])
            .await
            .expect("Bert");
        assert_eq!(invitations(db).await.len(), 1, "Bert is invited");
        let sent_to_bert = invitations(db).await[0].2.clone();
        // Appointing Bert, invited already, sends nothing more.
        w.appoint(db, w.staff(0), Post::AccessManager(social)).await;
        assert_eq!(invitations(db).await.len(), 1);
        // Dirk, appointed without being a user, is invited.
        w.appoint(db, w.staff(2), Post::GroupAdministrator(w.care))
            .await;
        let sent = invitations(db).await;
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[1].0, "dirk@acme.be");
        // Once Bert accepted, adding him elsewhere invites nobody.
        accept(db, &token_in(&sent_to_bert))
            .await
            .expect("Bert accepts");
        w.add(db, w.acme.anna, 0, w.care, &[])
            .await
            .expect("Bert in care");
        assert_eq!(invitations(db).await.len(), 2);
    }
);

db_test!(
    an_invitation_expires_after_seven_days_and_a_resent_one_replaces_it,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[])
            .await
            .expect("create");
        let first = token_in(&invitations(db).await[0].2);
        // Eight days later.
        sqlx::query(
            "UPDATE invitations SET created_at = created_at - $1, expires_at = expires_at - $1",
        )
        .bind(8 * 24 * 3_600_000_i64)
        .execute(db.pool())
        .await
        .expect("age the link");
        assert_eq!(state_of(db, &w, carla).await, SignInState::Expired);
        assert_eq!(
            accept(db, &first).await.err(),
            Some(ActivationError::Expired)
        );
        let anna = w.acme.acting(w.acme.anna);
        let state = resend_invitation(db, &anna, carla, &letter(), None)
            .await
            .expect("resend");
        assert_eq!(state, SignInState::Queued);
        let sent = invitations(db).await;
        assert_eq!(sent.len(), 2);
        let second = token_in(&sent[1].2);
        assert_ne!(first, second);
        assert_eq!(
            accept(db, &first).await.err(),
            Some(ActivationError::UnknownLink),
            "the old link is replaced"
        );
        accept(db, &second).await.expect("the new link works");
    }
);

db_test!(
    resending_is_throttled_and_refused_to_oneself_and_at_or_above_ones_level,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let social = domain(db, "social_security").await;
        w.appoint(db, w.staff(0), Post::AccessManager(social)).await;
        w.appoint(db, w.staff(4), Post::GroupAdministrator(w.care))
            .await;
        let bert = w.staff(0);
        let filip = w.staff(4);
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[])
            .await
            .expect("Carla in employer");
        let resend = |actor: PersonId, person: PersonId| {
            let acting = w.acme.acting(actor);
            async move {
                resend_invitation(db, &acting, person, &letter(), None)
                    .await
                    .map_err(AppError::from)
            }
        };
        // Sent moments ago with the user: another waits.
        assert_eq!(
            refusal(resend(w.acme.anna, carla).await),
            Refusal::LinkJustSent
        );
        // A group administrator does not help an access manager, nor someone outside their group.
        assert_eq!(
            refusal(resend(filip, bert).await),
            Refusal::AtOrAboveOwnLevel
        );
        assert_eq!(
            refusal(resend(filip, carla).await),
            Refusal::OutsideOwnScope
        );
        // Nobody helps themselves here; the main access manager only through the operator.
        assert_eq!(refusal(resend(bert, bert).await), Refusal::OwnAccount);
        assert_eq!(
            refusal(resend(bert, w.acme.anna).await),
            Refusal::MainAccessManagerStays
        );
        // Ten minutes later Bert, access manager of Carla's domain, may.
        sqlx::query("UPDATE invitations SET created_at = created_at - $1 WHERE person_id = $2")
            .bind(RESEND_PAUSE_MS)
            .bind(carla.0)
            .execute(db.pool())
            .await
            .expect("age the link");
        assert_eq!(resend(bert, carla).await, Ok(SignInState::Queued));
        let refused: Vec<String> = audited(db, carla)
            .await
            .into_iter()
            .filter(|a| a.0 == "invitation.refused")
            .filter_map(|a| a.2)
            .collect();
        assert!(
            refused.iter().any(|after| after.contains("link_just_sent")),
            "{refused:?}"
        );
        // Accepted: nothing more to send.
        let token = token_in(&invitations(db).await.last().expect("sent").2);
        accept(db, &token).await.expect("accept");
        sqlx::query("UPDATE invitations SET created_at = created_at - $1")
            .bind(RESEND_PAUSE_MS)
            .execute(db.pool())
            .await
            .expect("age");
        assert_eq!(refusal(resend(bert, carla).await), Refusal::SignsInAlready);
    }
);

db_test!(
    a_refused_address_makes_the_invitation_undeliverable_and_the_detail_page_says_so,
    |t| async move {
        let db = &t.db;
        let w = world(db).await;
        let carla = w
            .add(db, w.acme.anna, 1, w.employer, &[])
            .await
            .expect("create");
        sqlx::query("UPDATE outbox SET sent_at = $1 WHERE kind = 'invitation'")
            .bind(now_millis())
            .execute(db.pool())
            .await
            .expect("delivered");
        assert_eq!(state_of(db, &w, carla).await, SignInState::Invited);
        sqlx::query("UPDATE outbox SET sent_at = NULL, given_up_at = $1 WHERE kind = 'invitation'")
            .bind(now_millis())
            .execute(db.pool())
            .await
            .expect("given up");
        let page = detail(db, &w.acme.acting(w.acme.anna), carla)
            .await
            .expect("detail");
        assert_eq!(page.sign_in.state, SignInState::Undeliverable);
        assert!(page.sign_in.may_send, "Anna manages Carla");
    }
);
