//! Courses from providers, clinicians' registrations in them, progress per assignable unit,
//! cmi5 launch sessions, and where each CE activity came from.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn optional_timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Courses::Table)
                    .col(ColumnDef::new(Courses::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Courses::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(Courses::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Courses::Description).text().not_null())
                    .col(
                        ColumnDef::new(Courses::HoursHundredths)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Courses::CreditType)
                            .string_len(32)
                            .not_null(),
                    )
                    // JSON array of topic keys, as activities keep them.
                    .col(ColumnDef::new(Courses::Topics).text().not_null())
                    .col(ColumnDef::new(Courses::Accreditor).string_len(120).null())
                    .col(ColumnDef::new(Courses::PriceCents).integer().null())
                    // `cmi5` or `link`.
                    .col(
                        ColumnDef::new(Courses::LaunchMethod)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Courses::LinkUrl).text().null())
                    .col(ColumnDef::new(Courses::StructureXml).text().null())
                    .col(ColumnDef::new(Courses::CourseIri).text().null())
                    // Where AU urls relative to the package resolve (e.g. /course-content/demo/).
                    .col(ColumnDef::new(Courses::ContentBase).text().null())
                    .col(timestamp(Courses::CreatedAt))
                    .col(timestamp(Courses::UpdatedAt))
                    .col(optional_timestamp(Courses::RetiredAt))
                    .foreign_key(&mut cascade(
                        (Courses::Table, Courses::ProviderId),
                        (Providers::Table, Providers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Registrations::Table)
                    // The cmi5 registration id.
                    .col(
                        ColumnDef::new(Registrations::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Registrations::UserId).uuid().not_null())
                    .col(ColumnDef::new(Registrations::CourseId).uuid().not_null())
                    .col(timestamp(Registrations::CreatedAt))
                    .col(timestamp(Registrations::LastActivityAt))
                    .col(optional_timestamp(Registrations::SatisfiedAt))
                    // The CE activity the course's credit became.
                    .col(ColumnDef::new(Registrations::ActivityId).uuid().null())
                    .foreign_key(&mut cascade(
                        (Registrations::Table, Registrations::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (Registrations::Table, Registrations::CourseId),
                        (Courses::Table, Courses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("registrations_one_per_course")
                    .table(Registrations::Table)
                    .col(Registrations::UserId)
                    .col(Registrations::CourseId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuProgress::Table)
                    .col(
                        ColumnDef::new(AuProgress::Pk)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuProgress::RegistrationId).uuid().not_null())
                    .col(ColumnDef::new(AuProgress::AuId).text().not_null())
                    .col(ColumnDef::new(AuProgress::Completed).boolean().not_null())
                    .col(ColumnDef::new(AuProgress::Passed).boolean().not_null())
                    .col(ColumnDef::new(AuProgress::Failed).boolean().not_null())
                    .col(ColumnDef::new(AuProgress::Satisfied).boolean().not_null())
                    .foreign_key(&mut cascade(
                        (AuProgress::Table, AuProgress::RegistrationId),
                        (Registrations::Table, Registrations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("au_progress_unique")
                    .table(AuProgress::Table)
                    .col(AuProgress::RegistrationId)
                    .col(AuProgress::AuId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LaunchSessions::Table)
                    // The cmi5 session id.
                    .col(
                        ColumnDef::new(LaunchSessions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(LaunchSessions::RegistrationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(LaunchSessions::AuId).text().not_null())
                    .col(ColumnDef::new(LaunchSessions::ActorKey).text().not_null())
                    .col(ColumnDef::new(LaunchSessions::Actor).text().not_null())
                    // `launched`, `initialized` or `ended`.
                    .col(
                        ColumnDef::new(LaunchSessions::State)
                            .string_len(16)
                            .not_null(),
                    )
                    // Hashes of the one-time fetch code and of the token it hands out.
                    .col(
                        ColumnDef::new(LaunchSessions::FetchHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(optional_timestamp(LaunchSessions::FetchedAt))
                    .col(
                        ColumnDef::new(LaunchSessions::TokenKey)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(LaunchSessions::TokenHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(timestamp(LaunchSessions::CreatedAt))
                    .col(timestamp(LaunchSessions::ExpiresAt))
                    .foreign_key(&mut cascade(
                        (LaunchSessions::Table, LaunchSessions::RegistrationId),
                        (Registrations::Table, Registrations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Activities::Table)
                    // `self` (typed by the clinician) or `provider` (posted by a course).
                    .add_column(
                        ColumnDef::new(Activities::Source)
                            .string_len(16)
                            .not_null()
                            .default("self"),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Activities::Table)
                    .drop_column(Activities::Source)
                    .to_owned(),
            )
            .await?;
        for table in [
            LaunchSessions::Table.into_iden(),
            AuProgress::Table.into_iden(),
            Registrations::Table.into_iden(),
            Courses::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Providers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Activities {
    Table,
    Source,
}

#[derive(DeriveIden)]
enum Courses {
    Table,
    Id,
    ProviderId,
    Title,
    Description,
    HoursHundredths,
    CreditType,
    Topics,
    Accreditor,
    PriceCents,
    LaunchMethod,
    LinkUrl,
    StructureXml,
    CourseIri,
    ContentBase,
    CreatedAt,
    UpdatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    UserId,
    CourseId,
    CreatedAt,
    LastActivityAt,
    SatisfiedAt,
    ActivityId,
}

#[derive(DeriveIden)]
enum AuProgress {
    Table,
    Pk,
    RegistrationId,
    AuId,
    Completed,
    Passed,
    Failed,
    Satisfied,
}

#[derive(DeriveIden)]
enum LaunchSessions {
    Table,
    Id,
    RegistrationId,
    AuId,
    ActorKey,
    Actor,
    State,
    FetchHash,
    FetchedAt,
    TokenKey,
    TokenHash,
    CreatedAt,
    ExpiresAt,
}
