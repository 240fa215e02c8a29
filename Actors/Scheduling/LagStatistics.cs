namespace EventSpike.Actors.Scheduling;

/// <summary>Mean and maximum of the lags a pacer measures, in seconds.</summary>
public sealed class LagStatistics
{
    private double _sum, _max;
    private long _count;

    public void Add(double lag)
    {
        _sum += lag;
        _max = Math.Max(_max, lag);
        _count++;
    }

    public (double Mean, double Max) Value => (_count > 0 ? _sum / _count : 0, _max);
}
