package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import de.dos2030.iot.collector.web.session.OpenPage;
import de.dos2030.iot.collector.web.session.PageAccess;
import de.dos2030.iot.collector.web.session.PageAccessFilter;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.ServerFilter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deny by default on the pages: every route of a page controller (one with {@link PageAccess} or
 * {@link OpenPage}) lies under {@link PageAccessFilter}'s paths, so that its session, role and CSRF
 * checks run; and no page controller route lacks an access rule.
 */
class PageRoutesTest {

    @Test
    void everyPageRouteIsUnderThePageFilterAndHasAnAccessRule() {
        String[] patterns =
                PageAccessFilter.class.getAnnotation(ServerFilter.class).value();
        List<String> unguarded = new ArrayList<>();
        int routes = 0;
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("de.dos2030.iot.collector.web")) {
            Class<?> type = c.reflect();
            Controller controller = type.getAnnotation(Controller.class);
            if (controller == null || type.getSimpleName().equals("AssetController")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String path = route(controller.value(), m);
                if (path == null) {
                    continue;
                }
                routes++;
                String concrete = path.replaceAll("\\{[^}]+}", "x");
                boolean covered = false;
                for (String p : patterns) {
                    covered |= PathMatcher.ANT.matches(p, concrete);
                }
                boolean ruled = m.isAnnotationPresent(PageAccess.class)
                        || m.isAnnotationPresent(OpenPage.class)
                        || type.isAnnotationPresent(PageAccess.class)
                        || type.isAnnotationPresent(OpenPage.class);
                if (!covered || !ruled) {
                    unguarded.add(type.getSimpleName() + "." + m.getName() + " " + path
                            + (covered ? "" : " (outside the filter's paths)") + (ruled ? "" : " (no access rule)"));
                }
            }
        }
        assertThat(routes).isGreaterThan(15);
        assertThat(unguarded).isEmpty();
    }

    private static String route(String base, Method m) {
        String sub = null;
        if (m.isAnnotationPresent(Get.class)) {
            Get g = m.getAnnotation(Get.class);
            sub = g.uri().equals("/") && !g.value().equals("/") ? g.value() : g.uri();
        } else if (m.isAnnotationPresent(Post.class)) {
            Post p = m.getAnnotation(Post.class);
            sub = p.uri().equals("/") && !p.value().equals("/") ? p.value() : p.uri();
        }
        if (sub == null) {
            return null;
        }
        String path = (base.equals("/") ? "" : base) + sub;
        return path.isEmpty() ? "/" : path;
    }
}
