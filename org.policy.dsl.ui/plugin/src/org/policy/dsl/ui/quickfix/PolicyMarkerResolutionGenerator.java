package org.policy.dsl.ui.quickfix;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.policy.dsl.ide.editor.PolicyEditorServices;
import org.policy.dsl.ide.quickfix.Fix;
import org.policy.dsl.ui.PolicyFiles;
import org.policy.dsl.ui.PolicyUiPlugin;
import org.policy.dsl.ui.markers.PolicyMarkers;

/**
 * Quick fixes for the check markers (Problems view, ruler, Ctrl+1): the language's fixes for the marker's
 * issue code, computed on the file's current text.
 */
public class PolicyMarkerResolutionGenerator implements IMarkerResolutionGenerator2 {

	@Override
	public boolean hasResolutions(IMarker marker) {
		return PolicyUiPlugin.services().hasFixes(marker.getAttribute(PolicyMarkers.CODE, null));
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		return resolutions(marker).toArray(IMarkerResolution[]::new);
	}

	public static List<PolicyMarkerResolution> resolutions(IMarker marker) {
		List<PolicyMarkerResolution> result = new ArrayList<>();
		String code = marker.getAttribute(PolicyMarkers.CODE, null);
		if (!(marker.getResource() instanceof IFile file) || code == null) {
			return result;
		}
		int start = marker.getAttribute(IMarker.CHAR_START, 0);
		int end = marker.getAttribute(IMarker.CHAR_END, start);
		try {
			PolicyFiles.withDocument(file, document -> {
				PolicyEditorServices services = PolicyUiPlugin.services();
				for (Fix fix : services.fixes(services.parse(PolicyFiles.uri(file), document.get()), code, start,
						end - start, PolicyMarkers.data(marker))) {
					result.add(new PolicyMarkerResolution(fix, document.get()));
				}
			});
		} catch (CoreException e) {
			PolicyUiPlugin.log("cannot read " + file.getFullPath(), e);
		}
		return result;
	}
}
