//! The `licensure` command: serves the app and runs operator tasks.

use std::{
    io::{BufRead, IsTerminal, Write as _},
    process::ExitCode,
};

use clap::{Args, Parser, Subcommand};
use licensure::server::{
    accounts::register::NewAccount, admin, audit, config::Config, engine_cli, passwords::Password,
    startup, telemetry,
};

/// mimalloc instead of glibc's allocator: evaluating requirements makes and drops many small
/// values, and the engine benchmark ran about 16 % faster on it (README, issue 4).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "licensure",
    version,
    about = "Licensure: clinicians' licences, certifications and CE, in order.",
    after_help = "Configuration comes from environment variables; see .env.example."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations and serve the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an administrator account. The password is read from standard input (prompted
    /// twice on a terminal), never from the command line.
    CreateAdmin(CreateAdminArgs),
    /// Make an account an administrator or a clinician. Its sessions end at once.
    SetRole {
        /// Email address or username of the account.
        login: String,
        /// `admin` or `clinician`.
        role: String,
    },
    /// Check the audit log's hash chain and report the first broken link.
    VerifyAudit,
    /// Give a course provider (created when new) a Basic credential for the LRS at /xapi.
    /// The secret is printed once and never stored.
    LrsCredential {
        /// The provider's name, e.g. "Acme CME".
        #[arg(long)]
        provider: String,
        /// What the credential is for, e.g. "production content".
        #[arg(long, default_value = "command line")]
        label: String,
    },
    /// Evaluate a case file (credentials and credits) against the requirement catalog.
    Evaluate {
        /// Path to the case JSON.
        case: std::path::PathBuf,
        /// Print the report as JSON (a stable shape) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show what the requirement catalog defines.
    #[command(subcommand)]
    Catalog(CatalogCommand),
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Fact names a case may use, with their meaning.
    Facts,
    /// Credit types a credit may have.
    CreditTypes,
    /// Requirement sets in the catalog.
    Sets,
}

#[derive(Args)]
struct CreateAdminArgs {
    /// Email address of the administrator.
    #[arg(long)]
    email: String,
    /// Username, 3 to 32 letters, digits, dots, dashes or underscores.
    #[arg(long)]
    username: String,
    /// Name shown in the console.
    #[arg(long)]
    display_name: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Engine commands need neither configuration nor a database.
    let offline = match &cli.command {
        Some(Command::Evaluate { case, json }) => Some(engine_cli::evaluate_file(case, *json)),
        Some(Command::Catalog(CatalogCommand::Facts)) => Some(engine_cli::list_facts()),
        Some(Command::Catalog(CatalogCommand::CreditTypes)) => {
            Some(engine_cli::list_credit_types())
        }
        Some(Command::Catalog(CatalogCommand::Sets)) => Some(engine_cli::list_sets()),
        _ => None,
    };
    if let Some(outcome) = offline {
        return match outcome {
            Ok(text) => {
                // A reader that stops early (`| head`) is not an error: stop writing quietly.
                let mut stdout = std::io::stdout().lock();
                match writeln!(stdout, "{}", text.trim_end()) {
                    Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                        eprintln!("licensure: could not write the output: {err}");
                        ExitCode::FAILURE
                    }
                    _ => ExitCode::SUCCESS,
                }
            }
            Err(message) => {
                eprintln!("licensure: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("licensure: configuration error: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);

    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(config).await.map_err(|err| err.to_string()),
        Command::Migrate => migrate(config).await,
        Command::CreateAdmin(args) => create_admin(config, args).await,
        Command::SetRole { login, role } => set_role(config, &login, &role).await,
        Command::VerifyAudit => verify_audit(config).await,
        Command::LrsCredential { provider, label } => {
            lrs_credential(config, &provider, &label).await
        }
        Command::Evaluate { .. } | Command::Catalog(_) => Ok(()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("licensure: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate(config: Config) -> Result<(), String> {
    startup::prepare(config)
        .await
        .map_err(|err| err.to_string())?;
    println!("The database schema is up to date.");
    Ok(())
}

async fn create_admin(config: Config, args: CreateAdminArgs) -> Result<(), String> {
    let password = read_password()?;
    let state = startup::prepare(config)
        .await
        .map_err(|err| err.to_string())?;
    let input = NewAccount {
        email: args.email,
        username: args.username,
        display_name: args.display_name,
        password,
    };
    let user = admin::create_admin(&state.db, &state.passwords, input)
        .await
        .map_err(|err| err.to_string())?;
    println!(
        "Created administrator {}. Sign in and enrol two-factor authentication before using the console.",
        user.username
    );
    Ok(())
}

async fn lrs_credential(config: Config, provider: &str, label: &str) -> Result<(), String> {
    use licensure::server::xapi::providers;
    let state = startup::prepare(config)
        .await
        .map_err(|err| err.to_string())?;
    let now = chrono::Utc::now();
    let existing = providers::list_providers(&state.db)
        .await
        .map_err(|err| err.to_string())?
        .into_iter()
        .find(|p| p.name.to_lowercase() == provider.trim().to_lowercase());
    let found = match existing {
        Some(found) => found,
        None => providers::create_provider(&state.db, provider, now)
            .await
            .map_err(|err| err.to_string())?,
    };
    let credential = providers::create_credential(&state.db, found.id, label, None, now)
        .await
        .map_err(|err| err.to_string())?;
    println!(
        "LRS credential for {} ({label}):\n  endpoint: {}/xapi/\n  key:      {}\n  secret:   {}\nKeep the secret now: only its hash is stored, so it cannot be shown again.",
        found.name,
        state.config.mail.public_url.trim_end_matches('/'),
        credential.key,
        credential.secret.expose()
    );
    Ok(())
}

async fn set_role(config: Config, login: &str, role: &str) -> Result<(), String> {
    let state = startup::prepare(config)
        .await
        .map_err(|err| err.to_string())?;
    let account = licensure::server::accounts::signin::find_account(&state.db, login.trim())
        .await
        .map_err(|err| err.to_string())?
        .ok_or_else(|| admin::RoleError::NoSuchAccount.to_string())?;
    let updated = admin::set_role(
        &state.db,
        account,
        role.trim(),
        None,
        None,
        chrono::Utc::now(),
    )
    .await
    .map_err(|err| err.to_string())?;
    println!(
        "{} is now {}; their sessions have ended.{}",
        updated.username,
        updated.role,
        if updated.role == "admin" {
            " They must enrol two-factor authentication before using the console."
        } else {
            ""
        }
    );
    Ok(())
}

async fn verify_audit(config: Config) -> Result<(), String> {
    let state = startup::prepare(config)
        .await
        .map_err(|err| err.to_string())?;
    match audit::verify(&state.db)
        .await
        .map_err(|err| err.to_string())?
    {
        audit::Verification::Intact { rows } => {
            println!("The audit log is intact: {rows} rows, every link verified.");
            Ok(())
        }
        audit::Verification::BrokenAt { id } => Err(format!(
            "the audit log's chain is broken at row {id}: that row or the one before it was changed or removed"
        )),
    }
}

fn read_password() -> Result<Password, String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|err| err.to_string())?;
        let again =
            rpassword::prompt_password("Repeat password: ").map_err(|err| err.to_string())?;
        if first != again {
            return Err("the two passwords differ; nothing was created".into());
        }
        return Ok(Password::new(&first));
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|err| format!("cannot read standard input: {err}"))?;
    let typed = line.strip_suffix('\n').unwrap_or(&line);
    let typed = typed.strip_suffix('\r').unwrap_or(typed);
    if typed.is_empty() {
        return Err("no password on standard input; nothing was created".into());
    }
    Ok(Password::new(typed))
}
