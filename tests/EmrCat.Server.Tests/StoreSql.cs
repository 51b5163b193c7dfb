using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EmrCat.Server.Tests;

/// <summary>Plain SQL on a store's database, bypassing the server: how tests edit or cut a stored log as an intruder could.</summary>
internal static class StoreSql
{
    public static async Task ExecuteAsync(string store, string connectionString, string sql)
    {
        await using DbConnection connection = store == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string> ScalarAsync(string store, string connectionString, string sql)
    {
        await using DbConnection connection = store == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
