using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EmrCat.Server.Storage;

/// <summary>Healthy when the store answers a query.</summary>
internal sealed class StoreHealthCheck(ISessionStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{store.Kind} store reachable");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{store.Kind} store unreachable: {e.Message}");
        }
    }
}
