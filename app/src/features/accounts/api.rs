//! Server functions of the accounts feature: thin — authorize, validate,
//! call the store through the command path, audit.

use super::{TeamView, UserDraft, UserView};
use crate::error::AppError;
use domain::command::CommandMeta;
use domain::{TeamId, UserId};
use leptos::prelude::*;
use server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ssr {
    pub use crate::features::accounts::store::{teams, users};
    pub use crate::platform::auth::{Need, RequestCx, api};
    pub use crate::platform::commands::{self, BumpError, conflict};
    pub use crate::platform::{audit, password, sessions};
    pub use domain::audit::AuditAction;
    pub use domain::validate::{Email, FieldErrors, Invalid, Name, NewPassword};

    use crate::error::AppError;
    use crate::platform::db::Tx;
    use chrono::{DateTime, Utc};
    use domain::access::Actor;
    use domain::command::Version;
    use domain::{TeamId, UserId};

    /// Moves a user to its next version, or reports the conflict with the
    /// user as it is now.
    pub async fn bump_user(
        tx: &mut Tx,
        id: UserId,
        expected: Version,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        match commands::bump_version(tx, "users", &id.to_string(), expected, actor, now).await? {
            Ok(_) => Ok(()),
            Err(BumpError::NotFound) => Err(AppError::NotFound),
            Err(BumpError::Stale { current }) => Err(conflict(
                current,
                &users::view_in(tx, id).await?.ok_or(AppError::NotFound)?,
            )),
        }
    }

    /// The same for a team.
    pub async fn bump_team(
        tx: &mut Tx,
        id: TeamId,
        expected: Version,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        match commands::bump_version(tx, "teams", &id.to_string(), expected, actor, now).await? {
            Ok(_) => Ok(()),
            Err(BumpError::NotFound) => Err(AppError::NotFound),
            Err(BumpError::Stale { current }) => Err(conflict(
                current,
                &teams::view_in(tx, id).await?.ok_or(AppError::NotFound)?,
            )),
        }
    }
}

#[server(prefix = "/api", endpoint = "admin/users", input = Json)]
pub async fn list_users() -> Result<Vec<UserView>, AppError> {
    use ssr::*;
    api(async {
        let cx = RequestCx::load()?;
        cx.authorize(Need::Admin).await?;
        users::list(&cx.state.db).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/teams", input = Json)]
pub async fn list_teams() -> Result<Vec<TeamView>, AppError> {
    use ssr::*;
    api(async {
        let cx = RequestCx::load()?;
        cx.authorize(Need::Admin).await?;
        teams::list(&cx.state.db).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/teams/create", input = Json)]
pub async fn create_team(
    meta: CommandMeta,
    id: TeamId,
    name: String,
) -> Result<TeamView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        let mut errors = FieldErrors::default();
        let name = errors.check("name", Name::parse(&name));
        let Some(name) = name else {
            return Err(errors.into());
        };
        let now = cx.now();
        let event = cx
            .event(AuditAction::Create)
            .by(actor.user_id)
            .record("team", id);
        commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "team.create",
            now,
            move |tx| {
                Box::pin(async move {
                    if !teams::insert(tx, id, name.as_str(), Some(actor.user_id), now).await? {
                        return Err(FieldErrors::one("name", Invalid::AlreadyTaken).into());
                    }
                    audit::append(tx, &event).await?;
                    teams::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await
        .map(|a| a.into_inner())
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/teams/rename", input = Json)]
pub async fn rename_team(
    meta: CommandMeta,
    id: TeamId,
    name: String,
) -> Result<TeamView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        let mut errors = FieldErrors::default();
        let Some(name) = errors.check("name", Name::parse(&name)) else {
            return Err(errors.into());
        };
        let expected = meta.expected_version.ok_or(AppError::BadRequest)?;
        let now = cx.now();
        let event = cx
            .event(AuditAction::Update)
            .by(actor.user_id)
            .record("team", id);
        commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "team.rename",
            now,
            move |tx| {
                Box::pin(async move {
                    bump_team(tx, id, expected, &actor, now).await?;
                    if !teams::rename(tx, id, name.as_str()).await? {
                        return Err(FieldErrors::one("name", Invalid::AlreadyTaken).into());
                    }
                    audit::append(tx, &event).await?;
                    teams::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await
        .map(|a| a.into_inner())
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/create", input = Json)]
pub async fn create_user(
    meta: CommandMeta,
    id: UserId,
    draft: UserDraft,
) -> Result<UserView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        let mut errors = FieldErrors::default();
        let email = errors.check("email", Email::parse(&draft.email));
        let name = errors.check("display_name", Name::parse(&draft.display_name));
        let pw = errors.check("password", NewPassword::parse(&draft.password));
        if draft.team_id.is_none() {
            errors.add("team_id", Invalid::Required);
        }
        let (Some(email), Some(name), Some(pw), Some(team_id)) = (email, name, pw, draft.team_id)
        else {
            return Err(errors.into());
        };
        let hash = password::hash(pw.expose().to_owned()).await?;
        let now = cx.now();
        let event = cx
            .event(AuditAction::Create)
            .by(actor.user_id)
            .record("user", id);
        commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "user.create",
            now,
            move |tx| {
                Box::pin(async move {
                    if !teams::takes_members(tx, team_id).await? {
                        return Err(FieldErrors::one("team_id", Invalid::UnknownChoice).into());
                    }
                    let new = users::NewUser {
                        id,
                        team_id,
                        email: &email,
                        display_name: name.as_str(),
                        role: draft.role,
                        password_hash: &hash,
                    };
                    if !users::insert(tx, &new, Some(actor.user_id), now).await? {
                        return Err(FieldErrors::one("email", Invalid::AlreadyTaken).into());
                    }
                    audit::append(tx, &event).await?;
                    users::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await
        .map(|a| a.into_inner())
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/update", input = Json)]
pub async fn update_user(
    meta: CommandMeta,
    id: UserId,
    draft: UserDraft,
) -> Result<UserView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        let expected = meta.expected_version.ok_or(AppError::BadRequest)?;
        let mut errors = FieldErrors::default();
        let name = errors.check("display_name", Name::parse(&draft.display_name));
        let pw = if draft.password.is_empty() {
            None
        } else {
            errors.check("password", NewPassword::parse(&draft.password))
        };
        if draft.team_id.is_none() {
            errors.add("team_id", Invalid::Required);
        }
        let (Some(name), Some(team_id), true) = (name, draft.team_id, errors.is_empty()) else {
            return Err(errors.into());
        };
        let hash = match pw {
            Some(pw) => Some(password::hash(pw.expose().to_owned()).await?),
            None => None,
        };
        let password_changed = hash.is_some();
        let now = cx.now();
        let event = cx
            .event(AuditAction::Update)
            .by(actor.user_id)
            .record("user", id);
        let db = cx.state.db.clone();
        let view = commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "user.update",
            now,
            move |tx| {
                Box::pin(async move {
                    bump_user(tx, id, expected, &actor, now).await?;
                    if !teams::takes_members(tx, team_id).await? {
                        return Err(FieldErrors::one("team_id", Invalid::UnknownChoice).into());
                    }
                    users::set_profile(tx, id, name.as_str(), draft.role, team_id).await?;
                    if let Some(hash) = &hash {
                        users::set_password_hash(tx, id, hash).await?;
                    }
                    audit::append(tx, &event).await?;
                    users::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await?;
        // Role and team changes apply on the user's next request (the
        // session is checked against the account every time); a new
        // password also ends the user's sessions.
        if password_changed && matches!(view, commands::Applied::Now(_)) {
            sessions::end_all_for_user(&db, &id.to_string()).await?;
        }
        Ok(view.into_inner())
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/disable", input = Json)]
pub async fn set_user_disabled(
    meta: CommandMeta,
    id: UserId,
    disabled: bool,
) -> Result<UserView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        if disabled && id == actor.user_id {
            return Err(FieldErrors::one("disabled", Invalid::SelfLockout).into());
        }
        let expected = meta.expected_version.ok_or(AppError::BadRequest)?;
        let now = cx.now();
        let event = cx
            .event(AuditAction::Update)
            .by(actor.user_id)
            .record("user", id);
        let db = cx.state.db.clone();
        let view = commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "user.disable",
            now,
            move |tx| {
                Box::pin(async move {
                    bump_user(tx, id, expected, &actor, now).await?;
                    users::set_disabled(tx, id, disabled.then_some(now)).await?;
                    audit::append(tx, &event).await?;
                    users::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await?;
        if disabled {
            sessions::end_all_for_user(&db, &id.to_string()).await?;
        }
        Ok(view.into_inner())
    })
    .await
}

/// Disables (retires) or re-enables a team. A team with active members
/// cannot be disabled; a disabled team takes no new members.
#[server(prefix = "/api", endpoint = "admin/teams/disable", input = Json)]
pub async fn set_team_disabled(
    meta: CommandMeta,
    id: TeamId,
    disabled: bool,
) -> Result<TeamView, AppError> {
    use ssr::*;
    api(async move {
        let cx = RequestCx::load()?;
        let actor = cx.authorize(Need::Admin).await?;
        let expected = meta.expected_version.ok_or(AppError::BadRequest)?;
        let now = cx.now();
        let event = cx
            .event(AuditAction::Update)
            .by(actor.user_id)
            .record("team", id);
        commands::run(
            &cx.state.db,
            &actor.clone(),
            &meta,
            "team.disable",
            now,
            move |tx| {
                Box::pin(async move {
                    bump_team(tx, id, expected, &actor, now).await?;
                    let current = teams::view_in(tx, id).await?.ok_or(AppError::NotFound)?;
                    if disabled && current.members > 0 {
                        return Err(FieldErrors::one("disabled", Invalid::HasActiveMembers).into());
                    }
                    teams::set_disabled(tx, id, disabled.then_some(now)).await?;
                    audit::append(tx, &event).await?;
                    teams::view_in(tx, id).await?.ok_or(AppError::Internal)
                })
            },
        )
        .await
        .map(|a| a.into_inner())
    })
    .await
}
