using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Postgres
{
    /// <summary>
    /// Compresses new credential texts (a signed credential is a few KB of JSON, over TOAST's 2 KB
    /// threshold) with LZ4 instead of PostgreSQL's default pglz, which took about a tenth of PostgreSQL's
    /// CPU in bulk issuing, for the same size. A server built without LZ4 keeps pglz. Texts already stored
    /// are not rewritten; both methods are read alike.
    /// </summary>
    public partial class pgbulk_ContentLz4 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DO $$
                BEGIN
                  ALTER TABLE credentials ALTER COLUMN "Content" SET COMPRESSION lz4;
                EXCEPTION WHEN feature_not_supported THEN
                  RAISE NOTICE 'LZ4 is not supported by this server: credentials keep pglz';
                END $$;
                """
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """ALTER TABLE credentials ALTER COLUMN "Content" SET COMPRESSION default;"""
            );
        }
    }
}
