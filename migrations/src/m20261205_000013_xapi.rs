//! The Learning Record Store: course providers and their credentials, statements as sent
//! (JSON) with the fields queries filter on, the agents and activities each statement
//! relates to, activity definitions, and the state and profile documents.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn serial(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(Alias::new(*column));
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Providers::Table)
                    .col(
                        ColumnDef::new(Providers::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Providers::Name)
                            .string_len(120)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(Providers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(XapiCredentials::Table)
                    .col(
                        ColumnDef::new(XapiCredentials::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(XapiCredentials::ProviderId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(XapiCredentials::Label)
                            .string_len(120)
                            .not_null(),
                    )
                    // The Basic user name: public, unique, shown in the console.
                    .col(
                        ColumnDef::new(XapiCredentials::Key)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    // The secret is 256 random bits shown once; only its SHA-256 is kept.
                    .col(
                        ColumnDef::new(XapiCredentials::SecretSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(XapiCredentials::CreatedBy).uuid().null())
                    .col(timestamp(XapiCredentials::CreatedAt))
                    .col(
                        ColumnDef::new(XapiCredentials::RetiredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(XapiCredentials::Table, XapiCredentials::ProviderId)
                            .to(Providers::Table, Providers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(XapiStatements::Table)
                    .col(serial(XapiStatements::Pk))
                    // Unique per provider (index below): one provider's ids say nothing about
                    // another's, and cannot be taken from it.
                    .col(ColumnDef::new(XapiStatements::Id).string_len(36).not_null())
                    .col(ColumnDef::new(XapiStatements::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(XapiStatements::Statement).text().not_null())
                    .col(ColumnDef::new(XapiStatements::VerbId).text().not_null())
                    .col(ColumnDef::new(XapiStatements::ActorKey).text().not_null())
                    .col(
                        ColumnDef::new(XapiStatements::Registration)
                            .string_len(36)
                            .null(),
                    )
                    // The statement this one's object refers to (StatementRef), voiding or not.
                    .col(
                        ColumnDef::new(XapiStatements::TargetId)
                            .string_len(36)
                            .null(),
                    )
                    .col(ColumnDef::new(XapiStatements::Voided).boolean().not_null())
                    .col(ColumnDef::new(XapiStatements::Voiding).boolean().not_null())
                    .col(timestamp(XapiStatements::Stored))
                    .foreign_key(
                        ForeignKey::create()
                            .from(XapiStatements::Table, XapiStatements::ProviderId)
                            .to(Providers::Table, Providers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "xapi_statements_unique_id",
                    XapiStatements::Table,
                    &["provider_id", "id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("xapi_statements_by_provider", &["provider_id", "pk"][..]),
            ("xapi_statements_by_target", &["target_id"][..]),
            ("xapi_statements_by_registration", &["registration"][..]),
            ("xapi_statements_by_stored", &["stored"][..]),
        ] {
            manager
                .create_index(index(name, XapiStatements::Table, columns))
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(XapiStatementAgents::Table)
                    .col(serial(XapiStatementAgents::Pk))
                    .col(
                        ColumnDef::new(XapiStatementAgents::StatementPk)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(XapiStatementAgents::AgentKey)
                            .text()
                            .not_null(),
                    )
                    // Actor or object of the statement itself; the others match only with
                    // `related_agents=true`.
                    .col(
                        ColumnDef::new(XapiStatementAgents::Direct)
                            .boolean()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(XapiStatementAgents::Table, XapiStatementAgents::StatementPk)
                            .to(XapiStatements::Table, XapiStatements::Pk)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "xapi_statement_agents_by_key",
                XapiStatementAgents::Table,
                &["agent_key", "statement_pk"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(XapiStatementActivities::Table)
                    .col(serial(XapiStatementActivities::Pk))
                    .col(
                        ColumnDef::new(XapiStatementActivities::StatementPk)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(XapiStatementActivities::ActivityId)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(XapiStatementActivities::Direct)
                            .boolean()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                XapiStatementActivities::Table,
                                XapiStatementActivities::StatementPk,
                            )
                            .to(XapiStatements::Table, XapiStatements::Pk)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "xapi_statement_activities_by_id",
                XapiStatementActivities::Table,
                &["activity_id", "statement_pk"],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(XapiActivities::Table)
                    .col(serial(XapiActivities::Pk))
                    .col(ColumnDef::new(XapiActivities::ProviderId).uuid().not_null())
                    .col(ColumnDef::new(XapiActivities::ActivityId).text().not_null())
                    .col(ColumnDef::new(XapiActivities::Definition).text().not_null())
                    .col(timestamp(XapiActivities::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(XapiActivities::Table, XapiActivities::ProviderId)
                            .to(Providers::Table, Providers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "xapi_activities_unique",
                    XapiActivities::Table,
                    &["provider_id", "activity_id"],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(XapiDocuments::Table)
                    .col(serial(XapiDocuments::Pk))
                    .col(ColumnDef::new(XapiDocuments::ProviderId).uuid().not_null())
                    // `state`, `activity_profile` or `agent_profile`.
                    .col(
                        ColumnDef::new(XapiDocuments::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    // Empty text where the kind has no such part, so the unique index holds.
                    .col(ColumnDef::new(XapiDocuments::ActivityId).text().not_null())
                    .col(ColumnDef::new(XapiDocuments::AgentKey).text().not_null())
                    .col(
                        ColumnDef::new(XapiDocuments::Registration)
                            .string_len(36)
                            .not_null(),
                    )
                    .col(ColumnDef::new(XapiDocuments::DocumentId).text().not_null())
                    .col(
                        ColumnDef::new(XapiDocuments::ContentType)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(ColumnDef::new(XapiDocuments::Content).blob().not_null())
                    .col(
                        ColumnDef::new(XapiDocuments::Etag)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(timestamp(XapiDocuments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(XapiDocuments::Table, XapiDocuments::ProviderId)
                            .to(Providers::Table, Providers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "xapi_documents_unique",
                    XapiDocuments::Table,
                    &[
                        "provider_id",
                        "kind",
                        "activity_id",
                        "agent_key",
                        "registration",
                        "document_id",
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            XapiDocuments::Table.into_iden(),
            XapiActivities::Table.into_iden(),
            XapiStatementActivities::Table.into_iden(),
            XapiStatementAgents::Table.into_iden(),
            XapiStatements::Table.into_iden(),
            XapiCredentials::Table.into_iden(),
            Providers::Table.into_iden(),
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
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum XapiCredentials {
    Table,
    Id,
    ProviderId,
    Label,
    Key,
    SecretSha256,
    CreatedBy,
    CreatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum XapiStatements {
    Table,
    Pk,
    Id,
    ProviderId,
    Statement,
    VerbId,
    ActorKey,
    Registration,
    TargetId,
    Voided,
    Voiding,
    Stored,
}

#[derive(DeriveIden)]
enum XapiStatementAgents {
    Table,
    Pk,
    StatementPk,
    AgentKey,
    Direct,
}

#[derive(DeriveIden)]
enum XapiStatementActivities {
    Table,
    Pk,
    StatementPk,
    ActivityId,
    Direct,
}

#[derive(DeriveIden)]
enum XapiActivities {
    Table,
    Pk,
    ProviderId,
    ActivityId,
    Definition,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum XapiDocuments {
    Table,
    Pk,
    ProviderId,
    Kind,
    ActivityId,
    AgentKey,
    Registration,
    DocumentId,
    ContentType,
    Content,
    Etag,
    UpdatedAt,
}
