//! Documents and their versions. Each version's bytes live sealed in storage under
//! `object_key`; its data key is kept here only wrapped by the master key, and destroying
//! a document deletes the wrapped key with the rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(
                        ColumnDef::new(Documents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Documents::UserId).uuid().not_null())
                    .col(ColumnDef::new(Documents::Title).string_len(120).not_null())
                    .col(ColumnDef::new(Documents::Kind).string_len(32).not_null())
                    .col(timestamp(Documents::CreatedAt))
                    .col(timestamp(Documents::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("documents_by_user")
                    .table(Documents::Table)
                    .col(Documents::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DocumentVersions::Table)
                    .col(
                        ColumnDef::new(DocumentVersions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::DocumentId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DocumentVersions::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(DocumentVersions::Number)
                            .integer()
                            .not_null(),
                    )
                    // `pending` while the bytes stream to storage, then `stored`.
                    .col(
                        ColumnDef::new(DocumentVersions::State)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::ObjectKey)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::WrappedKey)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::FileName)
                            .string_len(160)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::ContentType)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::Size)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DocumentVersions::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(timestamp(DocumentVersions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DocumentVersions::Table, DocumentVersions::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("document_versions_number")
                    .table(DocumentVersions::Table)
                    .col(DocumentVersions::DocumentId)
                    .col(DocumentVersions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("document_versions_by_user")
                    .table(DocumentVersions::Table)
                    .col(DocumentVersions::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DocumentVersions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    UserId,
    Title,
    Kind,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DocumentVersions {
    Table,
    Id,
    DocumentId,
    UserId,
    Number,
    State,
    ObjectKey,
    WrappedKey,
    FileName,
    ContentType,
    Size,
    Sha256,
    CreatedAt,
}
