//! A main access manager without a national register number: username and activation link by
//! e-mail, a temporary password by SMS (both queued in the registration's transaction), proven
//! and replaced at activation. On both backends; every test ends with the invariant check.

use app::db_test;
use app::domain::{Email, Language, PersonName};
use app::features::auth::sign_in::{Credentials, sign_in};
use app::features::auth::totp::{TotpSecret, code_at};
use app::features::enterprises::ActivationError;
use app::features::enterprises::activate::{Attempt, complete, open};
use app::features::enterprises::onboarding::OnboardingError;
use app::features::enterprises::register::{RegisterError, Registered, register};
use app::features::enterprises::replace_main_access_manager::replace;
use app::features::people::{NewPerson, PersonIdentity, Username};
use app::platform::Database;
use app::policy::OperatorPermit;
use app::testing::fixtures::{
    GOOD_PASSWORD, LINK_BASE, acme_number, load_catalogue, register_acme, registration, unix_now,
};

fn john(phone: Option<&str>) -> NewPerson {
    NewPerson {
        identity: PersonIdentity::Foreign(Username::parse("j.smith").expect("username")),
        given_name: PersonName::parse("John").expect("name"),
        family_name: PersonName::parse("Smith").expect("name"),
        email: Email::parse("john.smith@example.co.uk").expect("email"),
        phone: phone.map(str::to_owned),
        language: Language::En,
    }
}

async fn register_with_john(
    db: &Database,
    phone: Option<&str>,
) -> Result<Registered, RegisterError> {
    load_catalogue(db).await;
    register(
        db,
        &OperatorPermit::at_the_command_line(),
        &registration("0431150350", "Globex Ltd", john(phone)),
    )
    .await
}

/// (channel, recipient, subject, body) of every queued message.
async fn outbox(db: &Database) -> Vec<(String, String, Option<String>, String)> {
    sqlx::query_as("SELECT channel, recipient, subject, body FROM outbox ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("outbox")
}

/// The temporary password in the SMS text ("… password is XXXX. …").
fn temporary_password(sms: &str) -> String {
    let start = sms.find("is ").expect("password in the SMS") + 3;
    sms[start..].split('.').next().expect("password").to_owned()
}

db_test!(
    a_foreign_manager_gets_username_and_link_by_email_and_a_temporary_password_by_sms,
    |t| async move {
        let registered = register_with_john(&t.db, Some("+44 7700 900123"))
            .await
            .expect("register");
        assert!(registered.sent_by_email_and_sms);
        let messages = outbox(&t.db).await;
        assert_eq!(messages.len(), 2);
        let (channel, to, subject, body) = &messages[0];
        assert_eq!(
            (channel.as_str(), to.as_str()),
            ("email", "john.smith@example.co.uk")
        );
        assert_eq!(
            subject.as_deref(),
            Some("Activate the Access Management account of Globex Ltd")
        );
        assert!(body.contains("Your username is: j.smith"), "{body}");
        let link = format!("{LINK_BASE}/activate/{}", registered.activation.expose());
        assert!(body.contains(&link), "{body}");
        let (channel, to, _, sms) = &messages[1];
        assert_eq!((channel.as_str(), to.as_str()), ("sms", "+44 7700 900123"));
        assert!(
            !sms.contains(registered.activation.expose()),
            "the SMS never carries the link"
        );
        assert_eq!(temporary_password(sms).len(), 12, "{sms}");
    }
);

db_test!(
    a_foreign_manager_activates_only_with_the_temporary_password_and_replaces_it,
    |t| async move {
        let registered = register_with_john(&t.db, Some("+44 7700 900123"))
            .await
            .expect("register");
        let token = registered.activation.expose().to_owned();
        let temporary = temporary_password(&outbox(&t.db).await[1].3);
        let view = open(&t.db, &token, None).await.expect("open");
        assert!(view.temporary_password_required);
        let secret = TotpSecret::from_base32(&view.totp_secret).expect("secret");
        let code = code_at(&secret, unix_now()).expect("code");
        let attempt = |temporary_password, new_password| Attempt {
            new_password,
            code: &code,
            temporary_password,
        };

        for wrong in [None, Some("not-the-one")] {
            let refused = complete(&t.db, &token, attempt(wrong, GOOD_PASSWORD), None).await;
            assert_eq!(refused, Err(ActivationError::WrongTemporaryPassword));
        }
        let reused = complete(&t.db, &token, attempt(Some(&temporary), &temporary), None).await;
        assert!(
            matches!(reused, Err(ActivationError::WeakPassword(_))),
            "{reused:?}"
        );
        complete(
            &t.db,
            &token,
            attempt(Some(&temporary), GOOD_PASSWORD),
            None,
        )
        .await
        .expect("activate");

        let next = code_at(&secret, unix_now() + 30).expect("code");
        let credentials = Credentials {
            identifier: "J.Smith",
            password: GOOD_PASSWORD,
            code: &next,
        };
        sign_in(&t.db, credentials, None)
            .await
            .expect("John signs in with his username");
        let refusals: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = 'enterprise.activation_refused' AND after_json LIKE '%wrong_temporary_password%'",
        )
        .fetch_one(t.db.pool())
        .await
        .expect("audit");
        assert_eq!(refusals, 2);
    }
);

db_test!(
    a_foreign_manager_without_a_phone_is_refused_and_nothing_is_written,
    |t| async move {
        let refused = register_with_john(&t.db, None).await;
        assert!(
            matches!(
                refused,
                Err(RegisterError::Onboarding(
                    OnboardingError::ForeignWithoutPhone
                ))
            ),
            "{refused:?}"
        );
        let enterprises: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM enterprises")
            .fetch_one(t.db.pool())
            .await
            .expect("count");
        assert_eq!(enterprises, 0);
        assert!(outbox(&t.db).await.is_empty());
    }
);

db_test!(
    a_foreign_replacement_manager_is_reached_the_same_way,
    |t| async move {
        register_acme(&t.db).await;
        let replaced = replace(
            &t.db,
            &OperatorPermit::at_the_command_line(),
            acme_number(),
            &john(Some("+44 7700 900123")),
            LINK_BASE,
        )
        .await
        .expect("replace");
        assert!(replaced.sent_by_email_and_sms);
        let channels: Vec<String> = outbox(&t.db).await.into_iter().map(|m| m.0).collect();
        assert_eq!(channels, ["email", "sms"]);
        let view = open(&t.db, replaced.activation.expect("a link").expose(), None)
            .await
            .expect("open");
        assert!(view.temporary_password_required);
    }
);
