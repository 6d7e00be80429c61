//! Command-line tasks that write: demo data and user creation.

use app::error::AppError;
use app::features::accounts::store::{teams, users};
use app::features::patients::store as patients;
use app::platform::db::Db;
use app::platform::password;
use chrono::Utc;
use domain::validate::{Email, Name, NewPassword};
use domain::{PatientId, Role, TeamId, UserId};

pub const DEMO_USERS: &[(&str, &str, Role, char)] = &[
    ("admin@demo.test", "Ada Admin", Role::Admin, 'A'),
    (
        "supervisor@demo.test",
        "Sam Supervisor",
        Role::Supervisor,
        'A',
    ),
    (
        "casemanager@demo.test",
        "Carmen Case Manager",
        Role::CaseManager,
        'A',
    ),
    ("chw@demo.test", "Chris Health Worker", Role::Chw, 'A'),
    (
        "navigator@demo.test",
        "Nia Navigator",
        Role::HousingNavigator,
        'A',
    ),
    ("chw2@demo.test", "Kim Health Worker", Role::Chw, 'B'),
];

/// Synthetic patients (no real people): name, date of birth, phone, team,
/// and which demo users carry them on their caseload.
struct DemoPatient {
    given: &'static str,
    family: &'static str,
    born: &'static str,
    phone: &'static str,
    team: char,
    carers: &'static [&'static str],
}

const fn p(
    given: &'static str,
    family: &'static str,
    born: &'static str,
    phone: &'static str,
    team: char,
    carers: &'static [&'static str],
) -> DemoPatient {
    DemoPatient {
        given,
        family,
        born,
        phone,
        team,
        carers,
    }
}

const CHW: &str = "chw@demo.test";
const CM: &str = "casemanager@demo.test";
const NAV: &str = "navigator@demo.test";
const CHW2: &str = "chw2@demo.test";

const DEMO_PATIENTS: &[DemoPatient] = &[
    p(
        "Rosa",
        "Delgado",
        "1961-04-12",
        "503-555-0101",
        'A',
        &[CHW, CM],
    ),
    p(
        "Marcus",
        "Bell",
        "1978-09-30",
        "503-555-0102",
        'A',
        &[CHW, NAV],
    ),
    p("Lena", "Okafor", "1990-01-05", "503-555-0103", 'A', &[CM]),
    p(
        "Tomás",
        "Rivera",
        "1955-07-21",
        "503-555-0104",
        'A',
        &[CHW, NAV, CM],
    ),
    p(
        "Grace",
        "Whitfield",
        "1983-11-02",
        "503-555-0105",
        'A',
        &[CM],
    ),
    p("Omar", "Haddad", "1969-03-17", "971-555-0201", 'B', &[CHW2]),
    p("Ivy", "Nguyen", "1995-06-08", "971-555-0202", 'B', &[CHW2]),
];

pub fn random_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The id of the team with this name, creating the team if needed.
pub async fn team_id_for(db: &Db, name: &str) -> Result<TeamId, AppError> {
    team_named(db, name).await
}

async fn team_named(db: &Db, name: &str) -> Result<TeamId, AppError> {
    let found: Option<String> =
        sqlx::query_scalar("SELECT id FROM teams WHERE lower(name) = lower($1)")
            .bind(name)
            .fetch_optional(db.pool())
            .await?;
    if let Some(id) = found.and_then(|s| s.parse().ok()) {
        return Ok(id);
    }
    let id = TeamId::new();
    let mut tx = db.begin_write().await?;
    teams::insert(&mut tx, id, name, None, Utc::now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates (or resets the password of) one user; returns whether it was new.
pub async fn upsert_user(
    db: &Db,
    email: &str,
    display_name: &str,
    role: Role,
    team: TeamId,
    pw: &NewPassword,
) -> Result<(UserId, bool), AppError> {
    let email = Email::parse(email).map_err(|_| AppError::BadRequest)?;
    let name = Name::parse(display_name).map_err(|_| AppError::BadRequest)?;
    let hash = password::hash(pw.expose().to_owned()).await?;
    let mut tx = db.begin_write().await?;
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    let result = if let Some(id) = existing.and_then(|s| s.parse::<UserId>().ok()) {
        users::set_password_hash(&mut tx, id, &hash).await?;
        (id, false)
    } else {
        let id = UserId::new();
        let new = users::NewUser {
            id,
            team_id: team,
            email: &email,
            display_name: name.as_str(),
            role,
            password_hash: &hash,
        };
        users::insert(&mut tx, &new, None, Utc::now()).await?;
        (id, true)
    };
    tx.commit().await?;
    Ok(result)
}

pub struct Seeded {
    pub password: String,
    pub generated: bool,
}

pub async fn seed_demo(
    db: &Db,
    password: Option<String>,
) -> Result<Seeded, Box<dyn std::error::Error>> {
    let generated = password.is_none();
    let password = password.unwrap_or_else(random_password);
    let pw = NewPassword::parse(&password).map_err(|_| {
        format!(
            "demo password must be {} to {} characters",
            NewPassword::MIN_CHARS,
            NewPassword::MAX_CHARS
        )
    })?;
    let team_a = team_named(db, "Team A — Eastside").await?;
    let team_b = team_named(db, "Team B — Riverside").await?;
    let mut ids = std::collections::HashMap::new();
    for (email, name, role, team) in DEMO_USERS {
        let team = if *team == 'A' { team_a } else { team_b };
        let (id, _) = upsert_user(db, email, name, *role, team, &pw).await?;
        ids.insert(*email, id);
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM patients")
        .fetch_one(db.pool())
        .await?;
    if existing == 0 {
        let now = Utc::now();
        let mut tx = db.begin_write().await?;
        for d in DEMO_PATIENTS {
            let id = PatientId::new();
            let new = patients::NewPatient {
                id,
                team_id: if d.team == 'A' { team_a } else { team_b },
                given_name: d.given,
                family_name: d.family,
                date_of_birth: Some(d.born),
                phone: Some(d.phone),
            };
            patients::insert(&mut tx, &new, None, now).await?;
            if let Ok(phone) = domain::patient::Phone::parse(d.phone) {
                sqlx::query(
                    "INSERT INTO patient_phones (patient_id, phone, position) VALUES ($1, $2, 0)",
                )
                .bind(id.to_string())
                .bind(phone.as_str())
                .execute(&mut *tx)
                .await?;
            }
            for carer in d.carers {
                if let Some(user) = ids.get(carer) {
                    patients::add_to_care_team(&mut tx, id, *user, now).await?;
                }
            }
        }
        tx.commit().await?;
    }
    Ok(Seeded {
        password,
        generated,
    })
}
