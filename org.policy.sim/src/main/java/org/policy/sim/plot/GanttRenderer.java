package org.policy.sim.plot;

import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Draws the Gantt chart's bars, one colour per thread, and in SVG wraps each bar in a group whose
 * {@code <title>} names the thread, its task, the core and the interval: browsers show it on hover.
 * JFreeSVG writes a {@code <g>} for {@link SVGHints#KEY_BEGIN_GROUP} and a {@code <title>} for
 * {@link SVGHints#KEY_ELEMENT_TITLE} at the point the hint is set, so the title is the group's first
 * child and applies to the bar drawn inside it. PNG output ignores the hints.
 */
final class GanttRenderer extends XYBarRenderer {
	private static final long serialVersionUID = 1L;

	private final int[] threadOfItem;
	private final transient List<org.policy.sim.metrics.ThreadInfo> threads;

	GanttRenderer(int[] threadOfItem, List<org.policy.sim.metrics.ThreadInfo> threads) {
		this.threadOfItem = threadOfItem;
		this.threads = threads;
	}

	/** "thread 12 (task worker)": the id is the one threads.csv and schedule.json use. */
	static String threadName(int thread, List<org.policy.sim.metrics.ThreadInfo> threads) {
		return thread >= 0 && thread < threads.size() ? "thread " + thread + " (" + threads.get(thread).task() + ")"
				: "thread " + thread;
	}

	@Override
	public Paint getItemPaint(int row, int column) {
		return Charts.colour(threadOfItem[column]);
	}

	@Override
	public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
			XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
			CrosshairState crosshairState, int pass) {
		if (!(g2 instanceof SVGGraphics2D)) {
			super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState,
					pass);
			return;
		}
		IntervalXYDataset d = (IntervalXYDataset) dataset;
		g2.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, "gantt-bar-" + item);
		g2.setRenderingHint(SVGHints.KEY_ELEMENT_TITLE, String.format(Locale.ROOT, "%s on core %d, %.3f–%.3f ms",
				threadName(threadOfItem[item], threads), (int) Math.round(d.getYValue(series, item)),
				d.getStartXValue(series, item), d.getEndXValue(series, item)));
		super.drawItem(g2, state, dataArea, info, plot, domainAxis, rangeAxis, dataset, series, item, crosshairState, pass);
		g2.setRenderingHint(SVGHints.KEY_END_GROUP, Boolean.TRUE);
	}
}
