//! `server` — the care-coordination app's server and admin tasks.

use app::platform::clock::Clock;
use app::platform::db::{Backend, Db};
use clap::{Parser, Subcommand};
use domain::Role;
use domain::validate::NewPassword;
use server::config::Config;
use std::io::BufRead;
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "server", about = "Carelink care-coordination server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create the demo teams, users and synthetic patients.
    SeedDemo {
        /// Password for every demo user (default: a random one, printed).
        #[arg(long)]
        password: Option<String>,
    },
    /// Create a user (or reset an existing user's password).
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// chw, housing_navigator, case_manager, supervisor or admin.
        #[arg(long)]
        role: Role,
        /// Team name; created if it does not exist.
        #[arg(long)]
        team: String,
        /// Read the password from standard input (one line) instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Write a consistent online backup of the SQLite database to FILE.
    Backup { file: std::path::PathBuf },
    /// Audit log tasks.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain: detects edited, inserted or removed rows.
    Verify,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve))) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    match command {
        Command::Serve => serve(config, db.clone()).await?,
        Command::Migrate => println!("migrations applied"),
        Command::SeedDemo { password } => {
            let seeded = server::seed::seed_demo(&db, password).await?;
            println!("demo data ready; sign in at http://{} with:", config.bind);
            for (email, _, role, team) in server::seed::DEMO_USERS {
                println!("  {email:<24} {role:<18} team {team}");
            }
            if seeded.generated {
                println!("password for every demo user: {}", seeded.password);
            } else {
                println!("password for every demo user: the one you gave");
            }
        }
        Command::CreateUser {
            email,
            name,
            role,
            team,
            password_stdin,
        } => {
            let (password, generated) = if password_stdin {
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (server::seed::random_password(), true)
            };
            let pw = NewPassword::parse(&password).map_err(|_| {
                format!(
                    "password must be at least {} characters",
                    NewPassword::MIN_CHARS
                )
            })?;
            let team_id = server::seed::team_id_for(&db, &team).await?;
            let email = domain::validate::Email::parse(&email)
                .map_err(|_| format!("{email:?} is not a valid email address"))?;
            let (_, created) =
                server::seed::upsert_user(&db, email.as_str(), &name, role, team_id, &pw).await?;
            println!(
                "{} {email} ({role}, team {team})",
                if created {
                    "created"
                } else {
                    "password reset for"
                }
            );
            if generated {
                println!("password: {password}");
            }
        }
        Command::Backup { file } => match db.backend() {
            Backend::Sqlite => {
                if file.exists() {
                    return Err(
                        format!("{} already exists; choose a new file", file.display()).into(),
                    );
                }
                let path = file.to_str().ok_or("backup path must be valid UTF-8")?;
                // VACUUM INTO writes a consistent copy while the app keeps running.
                sqlx::query("VACUUM INTO $1")
                    .bind(path)
                    .execute(db.pool())
                    .await?;
                println!("backup written to {}", file.display());
            }
            Backend::Postgres => {
                eprintln!("this database is PostgreSQL: back it up with pg_dump, for example");
                eprintln!("  pg_dump --format=custom --file=carelink.dump \"$DATABASE_URL\"");
                return Ok(ExitCode::from(2));
            }
        },
        Command::Audit {
            command: AuditCommand::Verify,
        } => match app::platform::audit::verify(&db).await {
            Ok(n) => println!("audit log intact: {n} rows verified"),
            Err(e) => {
                eprintln!("AUDIT LOG TAMPERED: {e}");
                return Ok(ExitCode::FAILURE);
            }
        },
    }
    db.close().await;
    Ok(ExitCode::SUCCESS)
}

async fn serve(config: Config, db: Db) -> Result<(), Box<dyn std::error::Error>> {
    let bind = config.bind;
    if !config.settings.secure_cookies {
        tracing::warn!(
            "INSECURE_COOKIES is on: session cookies work over plain http (local use only)"
        );
    }
    server::spawn_session_cleanup(db.clone());
    let state = server::state(
        config.leptos.clone(),
        db,
        config.settings.clone(),
        Clock::system(),
    );
    let app = server::router(state, config.trust_proxy);
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!("listening on http://{bind}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
